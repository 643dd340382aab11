"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/auth/guards";
import type { FormState } from "@/lib/form-state";
import { mediaDeps } from "@/lib/media/app-deps";
import { createMediaAs, retrySubmitAs } from "@/lib/media/create";
import { MEDIA_MISSING } from "@/lib/media/errors";
import { urls } from "@/lib/urls";

export type CreateState = FormState & { mediaId?: string };

/** Records the media first, then asks Vimmerse; on success opens the media's page. */
export const createMediaAction = teamAction({ min: "member", schema: z.object({}) }, async (ctx, _input, formData) => {
  const r = await createMediaAs(mediaDeps(), { teamId: ctx.team.id, userId: ctx.user.id }, formData);
  if (r.ok) {
    revalidatePath(urls.team(ctx.team.slug), "layout");
    redirect(urls.media(ctx.team.slug, r.mediaId));
  }
  const state: CreateState = {
    error: r.error ?? (r.fieldErrors ? "Check the highlighted fields." : undefined),
    fieldErrors: r.fieldErrors,
    mediaId: r.mediaId,
  };
  return state;
});

/** Sends a media that never reached Vimmerse again (same media, never a second one). */
export const retrySubmitAction = teamAction(
  { min: "member", schema: z.object({ mediaId: z.uuid(MEDIA_MISSING), resend: z.literal("yes").optional() }) },
  async (ctx, { mediaId, resend }): Promise<FormState> => {
    const r = await retrySubmitAs(mediaDeps(), ctx.team.id, mediaId, { resend: resend === "yes" });
    if (r.ok) return { ok: true, message: "Sent to Vimmerse." };
    return { error: r.error, fieldErrors: r.fieldErrors };
  },
);
