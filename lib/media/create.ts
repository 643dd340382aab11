import "server-only";
import { createMediaOnce, updateUnsubmittedMedia } from "@/db/queries/media";
import { fieldErrorsOf } from "@/lib/form-state";
import { RULES, throttle } from "@/lib/security/throttle";
import { parseCreateForm } from "./create-schema";
import type { MediaDeps, Who } from "./deps";
import { resolveInputs } from "./resolve-inputs";
import { type SubmitFailure, submitMedia } from "./submit";
import { newWebhookSecret } from "./webhook-secret";

// Create and retry: the form is checked, the team's pace checked (each create spends credits),
// the media recorded (once per idempotency key), then sent upstream. The caller has already
// authorized the team.

type Deps = MediaDeps;

export type CreateOutcome =
  | { ok: true; mediaId: string; created: boolean }
  | {
      ok: false;
      error?: string;
      fieldErrors?: Record<string, string[]>;
      mediaId?: string;
      reason?: SubmitFailure | "invalid" | "throttled";
    };

export async function createMediaAs(deps: Deps, who: Who, formData: FormData): Promise<CreateOutcome> {
  const parsed = parseCreateForm(formData);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { idempotencyKey, ...params } = parsed.data;

  const resolved = await resolveInputs(deps.db, who.teamId, params);
  if (!resolved.ok) return { ok: false, reason: "invalid", fieldErrors: resolved.fieldErrors };

  // Counted before anything is written or sent: a refused create leaves no trace but the count.
  const pace = await throttle(deps.db, RULES.createTeam, who.teamId);
  if (!pace.ok) return { ok: false, reason: "throttled", error: pace.message };

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
  if (outcome.ok) return outcome;
  // A double click while the first click's call is still out: both land on the same video.
  if (!created && outcome.reason === "busy") return { ok: true, mediaId: media.id, created: false };
  // Its page says what is being checked with Vimmerse; the video exists and will not be sent twice.
  if (outcome.reason === "unclear" || outcome.reason === "checking") return { ok: true, mediaId: media.id, created };
  return outcome;
}

/** Sends a media again: one refused for sure, or (`resend`) one whose first call was never resolved. */
export async function retrySubmitAs(
  deps: Deps,
  teamId: string,
  mediaId: string,
  opts: { resend?: boolean } = {},
): Promise<CreateOutcome> {
  return submitOutcome(deps, teamId, mediaId, false, opts.resend);
}

async function submitOutcome(
  deps: Deps,
  teamId: string,
  mediaId: string,
  created: boolean,
  resend = false,
): Promise<CreateOutcome> {
  const r = await submitMedia(deps.db, deps.client, deps.storage, mediaId, {
    teamId,
    appUrl: deps.appUrl,
    fileSecret: deps.fileSecret,
    resend,
  });
  if (r.ok) return { ok: true, mediaId, created };
  return {
    ok: false,
    mediaId,
    reason: r.reason,
    error: r.error,
    ...(r.fieldErrors ? { fieldErrors: r.fieldErrors } : {}),
  };
}
