"use client";

import { Plus } from "lucide-react";
import { useActionState, useEffect, useRef } from "react";
import { createCollectionAction } from "@/app/(app)/t/[team]/library-actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import type { CollectionResult } from "@/lib/library/collections";

/** A new, empty collection; videos are added from the gallery or a video's page. */
export function CollectionCreateForm({ team }: { team: string }) {
  const [state, action, pending] = useActionState<CollectionResult, FormData>(createCollectionAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const errors = state.fieldErrors?.name;
  return (
    <form ref={form} action={action} className="grid gap-2" data-testid="create-collection" noValidate>
      <input type="hidden" name="team" value={team} />
      <label htmlFor="new-collection" className="text-sm font-medium">
        New collection
      </label>
      <div className="flex gap-2">
        <Input
          id="new-collection"
          name="name"
          maxLength={80}
          placeholder="Spring campaign"
          defaultValue={state.ok ? "" : state.values?.name}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "new-collection-error" : undefined}
          required
        />
        <Button type="submit" disabled={pending}>
          <Plus aria-hidden /> {pending ? "Creating…" : "Create"}
        </Button>
      </div>
      <FieldError id="new-collection-error" messages={errors} />
      <FormMessage kind="error" message={state.error} />
      <FormMessage kind="success" message={state.ok ? state.message : undefined} />
    </form>
  );
}
