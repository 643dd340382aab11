"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { FormState } from "@/lib/form-state";
import { CollectionAddForm } from "./collection-add-form";

type Props = {
  team: string;
  ids: string;
  count: number;
  choices: { value: string; label: string }[];
  /** Closed: with the outcome when the videos were added, without when cancelled. */
  onClose: (state?: FormState) => void;
  /** Where the focus goes on close: Radix returns it only to its own Trigger. */
  onCloseAutoFocus?: (e: Event) => void;
};

/** "Add to collection" for the gallery's selection; mounted (and loaded) only when opened. */
export function CollectionDialog({ team, ids, count, choices, onClose, onCloseAutoFocus }: Props) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent data-testid="collection-dialog" onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader>
          <DialogTitle>Add to collection</DialogTitle>
          <DialogDescription>
            {count} video{count === 1 ? "" : "s"} selected. Videos can be in several collections.
          </DialogDescription>
        </DialogHeader>
        <CollectionAddForm team={team} ids={ids} choices={choices} onAdded={(s) => onClose(s)} />
      </DialogContent>
    </Dialog>
  );
}
