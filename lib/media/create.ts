import "server-only";
import type { DbOrTx } from "@/db/client";
import { createMediaOnce, updateUnsubmittedMedia } from "@/db/queries/media-create";
import { fieldErrorsOf } from "@/lib/form-state";
import { parseCreateForm } from "@/lib/media/create-schema";
import { submitMedia, type SubmitFailure } from "@/lib/media/submit";
import { newWebhookSecret } from "@/lib/media/webhook-secret";
import type { Storage } from "@/lib/storage/types";
import { resolveInputs } from "@/lib/uploads/resolve-inputs";
import type { VimmerseClient } from "@/lib/vimmerse";

// Create and retry, free of Next's request APIs so tests drive them directly; actions.ts adds
// the session, the redirects and the cache. The caller has already authorized the team.

export type Deps = { db: DbOrTx; client: VimmerseClient; storage: Storage; appUrl: string; fileSecret: string };
export type Who = { teamId: string; userId: string };

export type CreateOutcome =
  | { ok: true; mediaId: string; created: boolean }
  | { ok: false; error?: string; fieldErrors?: Record<string, string[]>; mediaId?: string; reason?: SubmitFailure | "invalid" };

export async function createMediaAs(deps: Deps, who: Who, formData: FormData): Promise<CreateOutcome> {
  const parsed = parseCreateForm(formData);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { idempotencyKey, ...params } = parsed.data;

  const resolved = await resolveInputs(deps.db, who.teamId, params);
  if (!resolved.ok) return { ok: false, reason: "invalid", fieldErrors: resolved.fieldErrors };

  const row = {
    title: params.title,
    description: params.description,
    visibility: params.visibility,
    motionType: params.motionType,
    params: params as Record<string, unknown>,
    inputs: resolved.inputs,
  };
  const { media, created } = await createMediaOnce(deps.db, {
    ...row,
    teamId: who.teamId,
    createdBy: who.userId,
    // Replaced by submitMedia's claim before the call; unique and unguessable meanwhile.
    webhookSecretHash: newWebhookSecret().hash,
    idempotencyKey,
  });
  if (!created) {
    // The same form again: a double click (already submitted: just go there) or a second try
    // after upstream refused (not submitted: take the corrected values and submit again).
    if (media.upstreamId || media.status !== "not_submitted") return { ok: true, mediaId: media.id, created: false };
    await updateUnsubmittedMedia(deps.db, who.teamId, media.id, row);
  }
  const outcome = await submitOutcome(deps, who.teamId, media.id, created);
  // A double click while the first click's call is still out: both land on the same video.
  if (!created && !outcome.ok && outcome.reason === "busy") return { ok: true, mediaId: media.id, created: false };
  return outcome;
}

export async function retrySubmitAs(deps: Deps, teamId: string, mediaId: string): Promise<CreateOutcome> {
  return submitOutcome(deps, teamId, mediaId, false);
}

async function submitOutcome(deps: Deps, teamId: string, mediaId: string, created: boolean): Promise<CreateOutcome> {
  const r = await submitMedia(deps.db, deps.client, deps.storage, mediaId, { teamId, appUrl: deps.appUrl, fileSecret: deps.fileSecret });
  if (r.ok) return { ok: true, mediaId, created };
  return { ok: false, mediaId, reason: r.reason, error: r.error, ...(r.fieldErrors ? { fieldErrors: r.fieldErrors } : {}) };
}
