"use client";

import { useActionState, useCallback, useState } from "react";
import { resolveCommentAction } from "@/app/(app)/t/[team]/media/[id]/review-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/form-state";
import { CommentForm } from "./comment-form";

/** "Reply", which opens a reply form under the thread and closes it once the reply is saved. */
export function ReplyToggle({ team, mediaId, parentId }: { team: string; mediaId: string; parentId: string }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  if (!open)
    return (
      <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Reply
      </Button>
    );
  return (
    <div className="grid w-full gap-2 pl-2">
      <CommentForm team={team} mediaId={mediaId} generationId={null} parentId={parentId} onDone={close} />
      <Button type="button" size="sm" variant="ghost" className="w-fit" onClick={close}>
        Cancel
      </Button>
    </div>
  );
}

/** Resolve, or reopen a resolved thread. */
export function ResolveButton({ team, commentId, resolved }: { team: string; commentId: string; resolved: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resolveCommentAction, {});
  return (
    <form action={action} className="grid gap-1">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="resolved" value={resolved ? "0" : "1"} />
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {resolved ? "Reopen" : "Resolve"}
      </Button>
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}
