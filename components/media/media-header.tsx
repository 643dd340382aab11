import { ArrowLeft, Shuffle } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { LiveBadge } from "@/components/media/live-status";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { MediaDetail } from "@/lib/media/detail";
import { urls } from "@/lib/urls";

/** `actions`: more buttons for the row beside Remix (Share, Delete). */
type Props = { slug: string; detail: MediaDetail; canChange: boolean; actions?: ReactNode };

export function MediaHeader({ slug, detail, canChange, actions }: Props) {
  const { media, live } = detail;
  return (
    <div className="grid gap-3">
      <Link
        href={urls.team(slug)}
        className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden /> Gallery
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-0 gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{media.title || "Untitled video"}</h1>
            <LiveBadge item={live} />
          </div>
          <p className="text-sm text-muted-foreground">
            {detail.motionLabel} · by {detail.creator} · <LocalTime date={media.createdAt} style="dateTime" />
            {detail.credits > 0 && (
              <>
                {" "}
                · ≈ {detail.credits} credit{detail.credits === 1 ? "" : "s"}
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canChange && (
            <Button asChild variant="outline">
              <Link href={urls.create(slug, media.id)}>
                <Shuffle aria-hidden /> Remix
              </Link>
            </Button>
          )}
          {actions}
        </div>
      </div>
    </div>
  );
}
