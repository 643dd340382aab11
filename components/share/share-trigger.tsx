"use client";

import { Share2 } from "lucide-react";
import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";
import { useDialogOnDemand } from "@/components/ui/use-dialog-on-demand";
import type { ShareLinkView } from "@/lib/share/manage";

const load = () => import("./share-dialog");
const ShareDialog = dynamic(() => load().then((m) => m.ShareDialog));

type Props = { team: string; mediaId: string; shareable: boolean; links: ShareLinkView[] };

/** The Share button; the dialog, its forms and Radix load on first open. */
export function ShareTrigger(props: Props) {
  const dialog = useDialogOnDemand(load);
  return (
    <div className="flex">
      <Button
        variant="outline"
        data-testid="share-button"
        {...dialog.triggerProps}
        onClick={() => dialog.setOpen(true)}
      >
        <Share2 aria-hidden /> Share
      </Button>
      {dialog.mounted && (
        <ShareDialog
          open={dialog.open}
          onOpenChange={dialog.setOpen}
          onCloseAutoFocus={dialog.returnFocus}
          {...props}
        />
      )}
    </div>
  );
}
