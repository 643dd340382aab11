"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AccessDenied, authorizeTeam, type TeamContext } from "@/lib/auth/session";
import { env } from "@/lib/env";
import type { FormState } from "@/lib/form-state";
import { getStorage } from "@/lib/storage";
import { getVimmerse } from "@/lib/upstream";
import { createMediaAs, retrySubmitAs, type Deps } from "./service";

export type CreateState = FormState & { mediaId?: string };

const NO_TEAM = "That team doesn't exist or you are not a member of it.";

function deps(): Deps {
  const e = env();
  // Without AUTH_SECRET there are no sessions at all, so this is never reached empty in practice.
  return { db: getDb(), client: getVimmerse(), storage: getStorage(), appUrl: e.APP_URL, fileSecret: e.AUTH_SECRET ?? "" };
}

async function team(formData: FormData): Promise<TeamContext | null> {
  try {
    return await authorizeTeam(formData.get("team"));
  } catch (err) {
    if (err instanceof AccessDenied) return null;
    throw err;
  }
}

/** Records the media first, then asks Vimmerse; on success opens the media's page. */
export async function createMediaAction(_prev: CreateState, formData: FormData): Promise<CreateState> {
  const ctx = await team(formData);
  if (!ctx) return { error: NO_TEAM };
  const r = await createMediaAs(deps(), { teamId: ctx.team.id, userId: ctx.user.id }, formData);
  if (r.mediaId) revalidatePath(`/t/${ctx.team.slug}`, "layout");
  if (r.ok) redirect(`/t/${ctx.team.slug}/media/${r.mediaId}`);
  return {
    error: r.error ?? (r.fieldErrors ? "Check the highlighted fields." : undefined),
    fieldErrors: r.fieldErrors,
    mediaId: r.mediaId,
  };
}

const retrySchema = z.object({ mediaId: z.uuid("That video doesn't exist in this team.") });

/** Sends a media that never reached Vimmerse again (same media, never a second one). */
export async function retrySubmitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await team(formData);
  if (!ctx) return { error: NO_TEAM };
  const parsed = retrySchema.safeParse({ mediaId: formData.get("mediaId") });
  if (!parsed.success) return { error: "That video doesn't exist in this team." };
  const r = await retrySubmitAs(deps(), ctx.team.id, parsed.data.mediaId);
  revalidatePath(`/t/${ctx.team.slug}`, "layout");
  if (r.ok) return { ok: true, message: "Sent to Vimmerse." };
  return { error: r.error, fieldErrors: r.fieldErrors };
}
