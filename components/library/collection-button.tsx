"use client";

import { FolderPlus } from "lucide-react";
import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";
import { useDialogOnDemand } from "@/components/ui/use-dialog-on-demand";

const load = () => import("./collection-manage-dialog");
const CollectionManageDialog = dynamic(() => load().then((m) => m.CollectionManageDialog));

type Choice = { value: string; label: string };
type Props = { team: string; mediaId: string; choices: Choice[]; inCollections: Choice[] };

/** A media page's "Add to collection": the collections it is in (to take it out), and a picker. */
export function CollectionButton({ team, mediaId, choices, inCollections }: Props) {
  const dialog = useDialogOnDemand(load);
  const inIds = new Set(inCollections.map((c) => c.value));
  const n = inCollections.length;
  return (
    <>
      <Button
        variant="outline"
        data-testid="collection-button"
        {...dialog.triggerProps}
        onClick={() => dialog.setOpen(true)}
      >
        <FolderPlus aria-hidden /> {n ? `In ${n} collection${n === 1 ? "" : "s"}` : "Add to collection"}
      </Button>
      {dialog.mounted && (
        <CollectionManageDialog
          open={dialog.open}
          onOpenChange={dialog.setOpen}
          onCloseAutoFocus={dialog.returnFocus}
          team={team}
          mediaId={mediaId}
          others={choices.filter((c) => !inIds.has(c.value))}
          inCollections={inCollections}
        />
      )}
    </>
  );
}
