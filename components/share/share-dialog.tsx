"use client";

import type { ShareLinkView } from "@/lib/share/manage";
import { CreateLinkForm } from "./create-link-form";
import { Dialog, DialogContent } from "./dialog";
import { LinkList } from "./link-list";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  team: string;
  mediaId: string;
  shareable: boolean;
  links: ShareLinkView[];
  onCloseAutoFocus?: (e: Event) => void;
};

/** The share links of one video, loaded when first opened (./share-trigger.tsx). */
export function ShareDialog({ open, onOpenChange, onCloseAutoFocus, team, mediaId, shareable, links }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Share this video"
        description="Anyone with a link can watch this video, and nothing else of the team."
        data-testid="share-dialog"
        onCloseAutoFocus={onCloseAutoFocus}
      >
        {shareable ? (
          <CreateLinkForm team={team} mediaId={mediaId} />
        ) : (
          <p className="rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground" role="status">
            Only a finished video with a stored MP4 copy can be shared. Come back once it has finished.
          </p>
        )}
        <LinkList team={team} mediaId={mediaId} links={links} />
      </DialogContent>
    </Dialog>
  );
}
