"use client";

import { Trash2 } from "lucide-react";
import { useActionState, useRef } from "react";
import { deleteMediaAction } from "@/app/(app)/t/[team]/trash/actions";
import { FormMessage } from "@/components/ui/form-message";
import type { TrashResult } from "@/lib/library/trash";
import { ConfirmButton } from "./confirm-button";

/** The media page's Delete: to the Trash, after a confirmation that says what it does not do. */
export function DeleteMedia({ team, mediaId, days }: { team: string; mediaId: string; days: number }) {
  const [state, action, pending] = useActionState<TrashResult, FormData>(deleteMediaAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="grid justify-items-end gap-2">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="ids" value={mediaId} />
      <ConfirmButton
        form={form}
        pending={pending}
        label={
          <>
            <Trash2 aria-hidden /> {pending ? "Deleting…" : "Delete"}
          </>
        }
        title="Move this video to the Trash?"
        description={
          <>
            <p>
              It leaves the gallery and stays in the team's Trash for {days} days, where it can be restored. After that
              it is deleted for good, with the studio's copies of its files.
            </p>
            <p>The video stays in your Vimmerse account: Vimmerse offers no way to delete it from here.</p>
          </>
        }
        confirm="Move to Trash"
      />
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}
