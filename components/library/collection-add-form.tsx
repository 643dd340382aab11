"use client";

import { FolderPlus } from "lucide-react";
import { useActionState, useEffect, useRef, useState } from "react";
import { addToCollectionAction } from "@/app/(app)/t/[team]/library-actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { CollectionResult } from "@/lib/library/collections";

type Props = {
  team: string;
  /** "id1,id2": the videos to add. */
  ids: string;
  choices: { value: string; label: string }[];
  /** Told when the videos were added. */
  onAdded?: (state: CollectionResult) => void;
};

/** Choose one of the team's collections, or name a new one, and add the videos to it. */
export function CollectionAddForm({ team, ids, choices, onAdded }: Props) {
  const [state, action, pending] = useActionState<CollectionResult, FormData>(addToCollectionAction, {});
  const [target, setTarget] = useState(choices[0]?.value ?? "new");
  const done = useRef(onAdded);
  done.current = onAdded;
  useEffect(() => {
    if (state.ok) done.current?.(state);
  }, [state]);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4" data-testid="add-to-collection" noValidate>
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="ids" value={ids} />
      <div className="grid gap-2">
        <Label htmlFor="collection-target">Collection</Label>
        <NativeSelect
          id="collection-target"
          name="collectionId"
          value={target}
          onChange={(ev) => setTarget(ev.target.value)}
          aria-invalid={e.collectionId ? true : undefined}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
          <option value="new">New collection…</option>
        </NativeSelect>
        <FieldError messages={e.collectionId} />
      </div>
      {target === "new" && (
        <div className="grid gap-2">
          <Label htmlFor="collection-new-name">Name of the new collection</Label>
          <Input
            id="collection-new-name"
            name="name"
            maxLength={80}
            placeholder="Spring campaign"
            autoFocus
            aria-invalid={e.name ? true : undefined}
          />
          <FieldError messages={e.name} />
        </div>
      )}
      <FormMessage kind="error" message={state.error ?? e.ids?.[0]} />
      <Button type="submit" disabled={pending} className="justify-self-end">
        <FolderPlus aria-hidden /> {pending ? "Adding…" : "Add"}
      </Button>
    </form>
  );
}
