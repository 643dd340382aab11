"use client";

import { Trash2 } from "lucide-react";
import { useActionState, useRef } from "react";
import { deleteForeverAction } from "@/app/(app)/t/[team]/trash/actions";
import { FormMessage } from "@/components/ui/form-message";
import type { TrashResult } from "@/lib/library/trash";
import { ConfirmButton } from "./confirm-button";

/** Admins and owners: purge one trashed media now, after a confirmation. */
export function DeleteForever({ team, mediaId, title }: { team: string; mediaId: string; title: string }) {
  const [state, action, pending] = useActionState<TrashResult, FormData>(deleteForeverAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="ids" value={mediaId} />
      <ConfirmButton
        form={form}
        pending={pending}
        size="sm"
        variant="ghost"
        label={
          <>
            <Trash2 aria-hidden /> {pending ? "Deleting…" : "Delete forever"}
          </>
        }
        title={`Delete “${title}” forever?`}
        description={
          <>
            <p>
              The video, its versions and the studio's copies of its files are deleted now, with the uploaded images no
              other video uses. This cannot be undone.
            </p>
            <p>The video stays in your Vimmerse account: Vimmerse offers no way to delete it from here.</p>
          </>
        }
        confirm="Delete forever"
      />
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}
