import { Trash2 } from "lucide-react";
import Link from "next/link";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { TRASH_DAYS } from "@/lib/library/trash";
import { mediaTrashState, trashUrl } from "@/lib/library/trash-view";
import type { Actor } from "@/lib/teams/service";
import { DeleteMedia } from "./delete-media";
import { RestoreButton } from "./restore-button";

type Props = {
  slug: string;
  media: { id: string; createdBy: string | null; deletedAt: Date | null };
  actor: Pick<Actor, "userId" | "role">;
};

/** A media page's place for the Trash: its Delete button, or, once deleted, the banner with Restore. */
export function MediaTrash({ slug, media, actor }: Props) {
  const state = mediaTrashState(media, actor);
  if (!state.trashedAt || !state.purgeAt) {
    return state.allowed ? <DeleteMedia team={slug} mediaId={media.id} days={TRASH_DAYS} /> : null;
  }
  return (
    <Alert variant="warning" data-testid="trash-banner">
      <Trash2 aria-hidden />
      <AlertTitle>
        In the Trash since <LocalTime date={state.trashedAt} />; purged on <LocalTime date={state.purgeAt} />
      </AlertTitle>
      <AlertDescription>
        <p>
          It is out of the gallery and will be deleted for good, with the studio's copies of its files, on that date.
          The video stays in your Vimmerse account: Vimmerse offers no way to delete it from here.{" "}
          <Link href={trashUrl(slug)} className="underline underline-offset-4">
            Open the Trash
          </Link>
        </p>
        {state.allowed && <RestoreButton team={slug} mediaId={media.id} />}
      </AlertDescription>
    </Alert>
  );
}
