"use client";

import { useActionState } from "react";
import { renameTeamAction } from "@/app/(app)/t/[team]/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { FormState } from "@/lib/form-state";

export function RenameTeamForm({ slug, name, canEdit }: { slug: string; name: string; canEdit: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(renameTeamAction, {});
  return (
    <form action={action} className="grid gap-3 sm:max-w-md" noValidate>
      <input type="hidden" name="team" value={slug} />
      <TextField
        name="name"
        label="Team name"
        defaultValue={name}
        disabled={!canEdit}
        errors={state.fieldErrors?.name}
      />
      <FormMessage kind="error" message={state.error} />
      <FormMessage kind="success" message={state.ok ? state.message : undefined} />
      {canEdit && (
        <Button type="submit" disabled={pending} className="w-fit">
          Save name
        </Button>
      )}
    </form>
  );
}
