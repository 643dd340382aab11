"use client";

import { X } from "lucide-react";
import { useActionState } from "react";
import { removeFromCollectionAction } from "@/app/(app)/t/[team]/library-actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { CollectionResult } from "@/lib/library/collections";
import { CollectionAddForm } from "./collection-add-form";

type Choice = { value: string; label: string };
type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  team: string;
  mediaId: string;
  /** Collections it is not in yet. */
  others: Choice[];
  inCollections: Choice[];
  onCloseAutoFocus?: (e: Event) => void;
};

/** The media page's collections dialog, loaded when first opened (./collection-button.tsx). */
export function CollectionManageDialog({
  open,
  onOpenChange,
  onCloseAutoFocus,
  team,
  mediaId,
  others,
  inCollections,
}: Props) {
  const [removed, remove, removing] = useActionState<CollectionResult, FormData>(removeFromCollectionAction, {});
  const n = inCollections.length;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="collection-dialog" onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader>
          <DialogTitle>Collections</DialogTitle>
          <DialogDescription>A video can be in several of the team's collections.</DialogDescription>
        </DialogHeader>
        {n > 0 && (
          <ul className="grid gap-2" aria-label="In these collections">
            {inCollections.map((c) => (
              <li key={c.value} className="flex items-center justify-between gap-2 rounded-md border px-3 py-1.5">
                <span className="truncate text-sm">{c.label}</span>
                <form action={remove}>
                  <input type="hidden" name="team" value={team} />
                  <input type="hidden" name="ids" value={mediaId} />
                  <input type="hidden" name="collectionId" value={c.value} />
                  <Button
                    type="submit"
                    variant="ghost"
                    size="icon-sm"
                    disabled={removing}
                    aria-label={`Remove from ${c.label}`}
                  >
                    <X aria-hidden />
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <FormMessage kind="error" message={removed.error} />
        <CollectionAddForm team={team} ids={mediaId} choices={others} onAdded={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}
