"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/form-state";

export function AcceptInvitationForm({ token, signedInAs }: { token: string; signedInAs: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-muted-foreground">Signed in as {signedInAs}.</p>
      <FormMessage kind="error" message={state.error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}
