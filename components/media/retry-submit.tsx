"use client";

import { Send } from "lucide-react";
import { useActionState, useRef } from "react";
import { retrySubmitAction } from "@/app/(app)/t/[team]/create/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/form-state";
import { ConfirmSpend } from "./confirm-spend";

/**
 * Sends the same media again. `resend`: its first call was never resolved, so the person is told
 * plainly that this may charge twice before anything is sent.
 */
export function RetrySubmit({ team, mediaId, resend = false }: { team: string; mediaId: string; resend?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(retrySubmitAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="grid gap-2">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="mediaId" value={mediaId} />
      {resend && <input type="hidden" name="resend" value="yes" />}
      <FormMessage kind="error" message={state.error} />
      {resend ? (
        <ConfirmSpend
          form={form}
          variant="outline"
          pending={pending}
          label={
            <>
              <Send aria-hidden /> {pending ? "Sending…" : "Send again"}
            </>
          }
          title="Send this video again?"
          description={
            <>
              <p>Vimmerse never confirmed the first request, and no sign of it has arrived since.</p>
              <p className="font-medium text-foreground">
                If the first request did reach Vimmerse, sending again makes a second video and may charge twice.
              </p>
            </>
          }
          confirm="Send again"
        />
      ) : (
        <Button type="submit" disabled={pending} className="w-fit">
          <Send aria-hidden /> {pending ? "Sending…" : "Retry sending to Vimmerse"}
        </Button>
      )}
    </form>
  );
}
