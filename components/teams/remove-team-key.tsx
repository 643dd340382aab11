"use client";

import { useActionState, useRef } from "react";
import { removeTeamKeyAction } from "@/app/(app)/t/[team]/settings/key-actions";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/form-state";

/** Removes the team's own key after a confirmation; rendered always so its outcome stays on screen. */
export function RemoveTeamKey({ slug, hasKey }: { slug: string; hasKey: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeTeamKeyAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="team" value={slug} />
      {hasKey && (
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="text-destructive hover:text-destructive"
              disabled={pending}
            >
              Remove the team&apos;s key
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Remove the team&apos;s Vimmerse key?</AlertDialogTitle>
              <AlertDialogDescription>
                This team&apos;s videos go back to the studio&apos;s Vimmerse account at once. Videos still rendering
                under your key may never finish here. To use the key again you will have to paste it again.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <AlertDialogAction onClick={() => form.current?.requestSubmit()}>Remove key</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      )}
      <FormMessage kind="error" message={state.error} />
      {/* Only while no key is set: after a new one is saved, "Removed" would be stale. */}
      <FormMessage kind="success" message={state.ok && !hasKey ? state.message : undefined} />
    </form>
  );
}
