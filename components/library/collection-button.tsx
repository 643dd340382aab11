"use client";

import { FolderPlus, X } from "lucide-react";
import { useActionState, useState } from "react";
import { removeFromCollectionAction } from "@/app/(app)/t/[team]/library-actions";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { CollectionResult } from "@/lib/library/collections";
import { CollectionAddForm } from "./collection-add-form";

type Choice = { value: string; label: string };
type Props = { team: string; mediaId: string; choices: Choice[]; inCollections: Choice[] };

/** A media page's "Add to collection": the collections it is in (to take it out), and a picker. */
export function CollectionButton({ team, mediaId, choices, inCollections }: Props) {
  const [open, setOpen] = useState(false);
  const [removed, remove, removing] = useActionState<CollectionResult, FormData>(removeFromCollectionAction, {});
  const inIds = new Set(inCollections.map((c) => c.value));
  const others = choices.filter((c) => !inIds.has(c.value));
  const n = inCollections.length;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="collection-button">
          <FolderPlus aria-hidden /> {n ? `In ${n} collection${n === 1 ? "" : "s"}` : "Add to collection"}
        </Button>
      </DialogTrigger>
      <DialogContent data-testid="collection-dialog">
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
        <CollectionAddForm team={team} ids={mediaId} choices={others} onAdded={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
