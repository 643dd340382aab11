"use client";

import { useActionState } from "react";
import { setReviewAction } from "@/app/(app)/t/[team]/media/[id]/review-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/form-state";
import type { Review } from "@/lib/review/view";

type Props = { team: string; mediaId: string; generationId: string; review: Review | null };

/** Approve / Request changes / Clear for one version: one form, the pressed button names the verdict. */
export function ReviewButtons({ team, mediaId, generationId, review }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(setReviewAction, {});
  return (
    <form action={action} className="grid gap-2" data-testid="review-form">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="mediaId" value={mediaId} />
      <input type="hidden" name="generationId" value={generationId} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="review" value="approved" size="sm" disabled={pending || review === "approved"}>
          Approve
        </Button>
        <Button
          type="submit"
          name="review"
          value="changes_requested"
          size="sm"
          variant="outline"
          disabled={pending || review === "changes_requested"}
        >
          Request changes
        </Button>
        {review && (
          <Button type="submit" name="review" value="clear" size="sm" variant="ghost" disabled={pending}>
            Clear
          </Button>
        )}
      </div>
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}
