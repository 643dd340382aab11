"use client";

import { Share2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ShareLinkView } from "@/lib/share/manage";
import { CreateLinkForm } from "./create-link-form";
import { Dialog, DialogContent, DialogTrigger } from "./dialog";
import { LinkList } from "./link-list";

type Props = { team: string; mediaId: string; shareable: boolean; links: ShareLinkView[] };

export function ShareDialog({ team, mediaId, shareable, links }: Props) {
  return (
    <div className="flex">
      <Dialog>
        <DialogTrigger asChild>
          <Button variant="outline" data-testid="share-button">
            <Share2 aria-hidden /> Share
          </Button>
        </DialogTrigger>
        <DialogContent
          title="Share this video"
          description="Anyone with a link can watch this video, and nothing else of the team."
          data-testid="share-dialog"
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
    </div>
  );
}
