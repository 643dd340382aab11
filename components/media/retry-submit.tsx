"use client";

import { Send } from "lucide-react";
import { useActionState } from "react";
import { retrySubmitAction } from "@/app/(app)/t/[team]/create/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/form-state";

/** A media that never reached Vimmerse (refused, or Vimmerse was down): send the same one again. */
export function RetrySubmit({ team, mediaId }: { team: string; mediaId: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(retrySubmitAction, {});
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="mediaId" value={mediaId} />
      <FormMessage kind="error" message={state.error} />
      <Button type="submit" disabled={pending} className="w-fit">
        <Send aria-hidden /> {pending ? "Sending…" : "Retry sending to Vimmerse"}
      </Button>
    </form>
  );
}
