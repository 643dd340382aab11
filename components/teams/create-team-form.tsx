"use client";

import { useActionState } from "react";
import { createTeamAction } from "@/app/(app)/teams/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { FormState } from "@/lib/form-state";

export function CreateTeamForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createTeamAction, {});
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Create a team
        </CardTitle>
        <CardDescription>A team shares one gallery of videos. You will be its owner.</CardDescription>
      </CardHeader>
      <CardContent>
        <form action={action} className="grid gap-4" noValidate>
          <TextField
            name="name"
            label="Team name"
            placeholder="Marketing"
            defaultValue={state.values?.name}
            errors={state.fieldErrors?.name}
          />
          <FormMessage kind="error" message={state.error} />
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create team"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
