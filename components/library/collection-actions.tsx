"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useActionState, useEffect, useRef, useState } from "react";
import { deleteCollectionAction, renameCollectionAction } from "@/app/(app)/t/[team]/library-actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import type { CollectionResult } from "@/lib/library/collections";
import { ConfirmButton } from "./confirm-button";

type Props = { team: string; id: string; name: string; canDelete: boolean };

/** Rename in place; delete after a confirmation that says the videos stay. */
export function CollectionActions({ team, id, name, canDelete }: Props) {
  const [renaming, setRenaming] = useState(false);
  const [renamed, rename, renamePending] = useActionState<CollectionResult, FormData>(renameCollectionAction, {});
  const [deleted, remove, deletePending] = useActionState<CollectionResult, FormData>(deleteCollectionAction, {});
  const deleteForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (renamed.ok) setRenaming(false);
  }, [renamed]);

  if (renaming) {
    const errors = renamed.fieldErrors?.name;
    return (
      <form action={rename} className="grid w-full gap-2 sm:w-auto" noValidate>
        <input type="hidden" name="team" value={team} />
        <input type="hidden" name="collectionId" value={id} />
        <div className="flex gap-2">
          <Input
            name="name"
            defaultValue={renamed.values?.name ?? name}
            maxLength={80}
            aria-label={`New name for ${name}`}
            aria-invalid={errors ? true : undefined}
            autoFocus
            className="sm:w-56"
          />
          <Button type="submit" size="sm" className="h-9" disabled={renamePending}>
            Save
          </Button>
          <Button type="button" size="sm" variant="ghost" className="h-9" onClick={() => setRenaming(false)}>
            Cancel
          </Button>
        </div>
        <FieldError messages={errors} />
        <FormMessage kind="error" message={renamed.error} />
      </form>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Button type="button" size="sm" variant="ghost" onClick={() => setRenaming(true)} aria-label={`Rename ${name}`}>
        <Pencil aria-hidden /> Rename
      </Button>
      {canDelete && (
        <form ref={deleteForm} action={remove}>
          <input type="hidden" name="team" value={team} />
          <input type="hidden" name="collectionId" value={id} />
          <ConfirmButton
            form={deleteForm}
            pending={deletePending}
            size="sm"
            variant="ghost"
            label={
              <>
                <Trash2 aria-hidden /> <span className="sr-only">Delete {name}</span>
                <span aria-hidden>Delete</span>
              </>
            }
            title={`Delete the collection “${name}”?`}
            description={<p>The collection goes for everyone on the team. Its videos stay in the gallery.</p>}
            confirm="Delete collection"
          />
        </form>
      )}
      <FormMessage kind="error" message={deleted.error} className="basis-full" />
    </div>
  );
}
