"use client";

import { Undo2 } from "lucide-react";
import { useActionState } from "react";
import { restoreMediaAction } from "@/app/(app)/t/[team]/trash/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { TrashResult } from "@/lib/library/trash";

/** Back to the library; no confirmation, nothing is lost. */
export function RestoreButton({ team, mediaId, title }: { team: string; mediaId: string; title?: string }) {
  const [state, action, pending] = useActionState<TrashResult, FormData>(restoreMediaAction, {});
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="ids" value={mediaId} />
      <Button
        type="submit"
        variant="outline"
        size="sm"
        disabled={pending}
        aria-label={title ? `Restore ${title}` : undefined}
      >
        <Undo2 aria-hidden /> {pending ? "Restoring…" : "Restore"}
      </Button>
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}
