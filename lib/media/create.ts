import "server-only";
import { lockTeamForSpend } from "@/db/queries/credit-ledger";
import { createMediaOnce, updateUnsubmittedMedia } from "@/db/queries/media";
import { recordActivity } from "@/lib/activity/record";
import { reserve } from "@/lib/billing/ledger";
import { fieldErrorsOf } from "@/lib/form-state";
import { RULES, throttle } from "@/lib/security/throttle";
import { TeamKeyUnreadable } from "@/lib/team-keys";
import { createParamsSchema, parseCreateForm } from "./create-schema";
import { clientFor, type MediaDeps, type Who } from "./deps";
import { resolveInputs } from "./resolve-inputs";
import { createSpend, type SubmitFailure, submitMedia } from "./submit";
import { newWebhookSecret } from "./webhook-secret";

// Create and retry: the form is checked, the team's pace checked (each create spends credits),
// the media recorded (once per idempotency key) together with its credit reservation, then sent
// upstream. The caller has already authorized the team.

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

export async function createMediaAs(given: Deps, who: Who, formData: FormData): Promise<CreateOutcome> {
  // The team's own key (or the operator's) is settled first: a stored key that cannot be read
  // stops the create before anything is recorded or reserved.
  let deps: Deps;
  try {
    deps = { ...given, client: await clientFor(given.client, who.teamId) };
  } catch (err) {
    if (err instanceof TeamKeyUnreadable) return { ok: false, reason: "rejected", error: err.message };
    throw err;
  }
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
  // Recorded and reserved in one transaction: over budget, nothing is created (a form error).
  let recorded: Awaited<ReturnType<typeof createMediaOnce>>;
  try {
    recorded = await deps.db.transaction(async (tx) => {
      // The team row before any media row: the order submitMedia's claim takes them in. A double
      // click that updated the media first and then waited for the team could deadlock with the
      // first click's claim, which holds the team and waits for that media row.
      await lockTeamForSpend(tx, who.teamId);
      const r = await createMediaOnce(tx, {
        ...row,
        teamId: who.teamId,
        createdBy: who.userId,
        // Replaced by submitMedia's claim before the call; unique and unguessable meanwhile.
        webhookSecretHash: newWebhookSecret().hash,
        idempotencyKey,
      });
      if (r.created)
        await recordActivity(tx, {
          teamId: who.teamId,
          kind: "created",
          actorId: who.userId,
          mediaId: r.media.id,
          data: { title: row.title },
        });
      // A double click on a video already sent: nothing to reserve, just go there.
      if (!r.created && (r.media.upstreamId || r.media.status !== "not_submitted")) return r;
      // A second try after upstream refused: take the corrected values and submit again.
      if (!r.created) await updateUnsubmittedMedia(tx, who.teamId, r.media.id, row);
      await reserveCreate(tx, who.userId, { ...r.media, params: row.params });
      return r;
    });
  } catch (err) {
    if (err instanceof OverBudget) return { ok: false, reason: "over_budget", error: err.message };
    throw err;
  }
  const { media, created } = recorded;
  if (!created && (media.upstreamId || media.status !== "not_submitted"))
    return { ok: true, mediaId: media.id, created: false };
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
  // submitMedia reserves before its claim (the same row again while the first call's is held).
  return submitOutcome(deps, teamId, mediaId, false, opts.resend);
}

class OverBudget extends Error {}

/** The create's reservation, generation 1; throws OverBudget (rolling back the caller's transaction). */
async function reserveCreate(
  db: Deps["db"],
  userId: string | null,
  m: { id: string; teamId: string; params: unknown },
): Promise<void> {
  const params = createParamsSchema.safeParse(m.params);
  // Saved settings that no longer parse are refused by submitMedia without a call: nothing to hold.
  if (!params.success) return;
  const r = await reserve(db, createSpend(m.teamId, userId, m.id, params.data));
  if (!r.ok) throw new OverBudget(r.message);
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
