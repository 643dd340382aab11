import "server-only";
import type { DbOrTx } from "@/db/client";
import { claimSubmission, getMediaForTeam, recordSubmitOutcome } from "@/db/queries/media";
import { wakeBackground } from "@/lib/background-wake";
import { estimateFor } from "@/lib/billing/budget";
import { release, reserve, settleAccepted } from "@/lib/billing/ledger";
import { env } from "@/lib/env";
import { signFileUrl } from "@/lib/storage/signed-url";
import type { Storage } from "@/lib/storage/types";
import { type CreateMediaInput, RateLimitedError, type VimmerseClient } from "@/lib/vimmerse";
import { buildCreateInput, MissingInput } from "./create-input";
import { type CreateParams, createParamsSchema } from "./create-schema";
import { clientFor, type Upstream } from "./deps";
import {
  describeUpstreamError,
  IN_TRASH,
  MEDIA_MISSING,
  mayHaveReachedUpstream,
  UNCLEAR,
  type UpstreamFailure,
} from "./errors";
import { isTerminal } from "./status";
import { upstreamState } from "./upstream-state";
import { newWebhookSecret, webhookUrl } from "./webhook-secret";

// Sends a recorded media upstream, once. The media row exists before the call (so a crash or a
// timeout leaves something to retry, never an orphan upstream job); the webhook secret is
// rotated as the claim, so two concurrent retries cannot both create upstream.

export type SubmitContext = {
  teamId: string;
  appUrl: string;
  /** Signs links to stored files that upstream must fetch itself (AUTH_SECRET). */
  fileSecret: string;
  /**
   * The person chose to send again a video whose first call was never resolved, after the wait,
   * knowing it may charge twice if that call did reach Vimmerse.
   */
  resend?: boolean;
  /** Renders the team may have in flight (MAX_ACTIVE_RENDERS_PER_TEAM); more wait their turn. */
  maxActive?: number;
};

export type SubmitFailure = UpstreamFailure | "busy" | "checking" | "unclear" | "over_budget";
export type SubmitResult =
  | { ok: true; mediaId: string; status: string }
  | { ok: false; mediaId: string; reason: SubmitFailure; error: string; fieldErrors?: Record<string, string[]> };

/**
 * How long an unresolved create is left to upstream's own evidence (its webhook names the job)
 * before the person may send it again: long enough for a render to finish and notify.
 */
export const RESEND_AFTER_MS = 15 * 60_000;

export const STILL_CHECKING =
  "We are still checking with Vimmerse whether it received this video; sending it again now could charge twice.";

/** When an unresolved call may be sent again, or null when it is not waiting on one. */
export const resendableAt = (m: { status: string; upstreamId: string | null; submittingAt: Date | null }) =>
  m.status === "checking" && !m.upstreamId && m.submittingAt
    ? new Date(m.submittingAt.getTime() + RESEND_AFTER_MS)
    : null;

/** What a create costs, as the ledger records it: reserved by lib/media/create.ts, settled here. */
export const createSpend = (teamId: string, userId: string | null, mediaId: string, p: CreateParams) => ({
  teamId,
  userId,
  mediaId,
  generation: 1,
  kind: "create" as const,
  motionType: p.motionType,
  credits: estimateFor(p),
});

export const SLOWED_DOWN = "Vimmerse asked the studio to slow down; this video is sent again in its turn.";

/** Upstream's Retry-After when it gave one, else doubling from 5 s; at most 10 minutes, with jitter. */
export function backoffMs(retryAfterMs: number | null, attempts: number, random = Math.random): number {
  const base = retryAfterMs ?? 5_000 * 2 ** Math.min(attempts, 7);
  return Math.min(10 * 60_000, base) * (1 + 0.2 * random());
}

export async function submitMedia(
  db: DbOrTx,
  upstream: Upstream,
  storage: Storage,
  mediaId: string,
  ctx: SubmitContext,
): Promise<SubmitResult> {
  const fail = (reason: SubmitFailure, error: string, fieldErrors?: Record<string, string[]>): SubmitResult => ({
    ok: false,
    mediaId,
    reason,
    error,
    ...(fieldErrors ? { fieldErrors } : {}),
  });
  const media = await getMediaForTeam(db, ctx.teamId, mediaId);
  if (!media) return fail("not_found", MEDIA_MISSING);
  if (media.deletedAt) return fail("validation", IN_TRASH);
  // Already upstream: a repeated submit is a no-op, never a second job.
  if (media.upstreamId) return { ok: true, mediaId, status: media.status };
  const resendAt = resendableAt(media);
  if (resendAt && !(ctx.resend && resendAt.getTime() <= Date.now())) return fail("checking", STILL_CHECKING);
  if (media.status !== "not_submitted" && media.status !== "waiting" && !resendAt)
    return { ok: true, mediaId, status: media.status };

  // Resolved before anything is reserved: a team key that cannot be read stops here, and the
  // operator's key is never used in its place.
  const client = await clientFor(upstream, ctx.teamId);

  const parsed = createParamsSchema.safeParse(media.params);
  if (!parsed.success)
    return fail("validation", "The saved settings of this video are no longer valid; create it again.");
  const params = parsed.data;

  let input: CreateMediaInput;
  try {
    input = await buildCreateInput(params, media.inputs, storage, (key) =>
      signFileUrl(ctx.appUrl, key, ctx.fileSecret),
    );
  } catch (err) {
    if (!(err instanceof MissingInput)) throw err;
    // Written only if nobody has claimed the media since it was read.
    await recordSubmitOutcome(db, ctx.teamId, mediaId, media.webhookSecretHash, { ok: false, error: err.message });
    // Nothing was sent: the reservation is dropped (the next try reserves again).
    await release(db, ctx.teamId, mediaId, 1);
    return fail("validation", err.message, { [err.field]: [err.message] });
  }

  // Reserved before the claim, so nothing goes upstream over budget; a create made it already
  // with the media (this finds that row), a retry makes it here, charged to whoever asked for it.
  const spend = createSpend(ctx.teamId, media.createdBy, mediaId, params);
  const reserved = await reserve(db, spend);
  if (!reserved.ok) return fail("over_budget", reserved.message);

  const { secret, hash } = newWebhookSecret();
  const claim = await claimSubmission(db, {
    teamId: ctx.teamId,
    mediaId,
    expectedHash: media.webhookSecretHash,
    newHash: hash,
    maxActive: ctx.maxActive ?? env().MAX_ACTIVE_RENDERS_PER_TEAM,
    ...(resendAt ? { resendBefore: new Date(Date.now() - RESEND_AFTER_MS) } : {}),
  });
  // In line for a free slot, its reservation kept: lib/media/waiting.ts sends it in its turn
  // (renders hold the slots, so the background pass is awake already).
  if (claim === "waiting") return { ok: true, mediaId, status: "waiting" };
  if (claim === "taken") return fail("busy", "This video is being submitted already.");
  // A render to follow from here (the notice may never come): the background pass wakes.
  wakeBackground();

  let created: Awaited<ReturnType<VimmerseClient["createMedia"]>>;
  try {
    created = await client.createMedia({ ...input, webhook_url: webhookUrl(ctx.appUrl, secret) });
  } catch (err) {
    if (mayHaveReachedUpstream(err)) {
      // Upstream may have made (and charged for) it: wait for its evidence, never resend blind.
      console.warn(`submitMedia: answer for media ${mediaId} lost (${err instanceof Error ? err.message : err})`);
      await recordSubmitOutcome(db, ctx.teamId, mediaId, hash, { ok: false, unclear: true, error: UNCLEAR.create });
      return fail("unclear", UNCLEAR.create);
    }
    if (err instanceof RateLimitedError) {
      // Refused for sure and nothing made: back in line with its reservation, sent again after
      // the backoff by the same claim (so never twice).
      const retryAt = new Date(Date.now() + backoffMs(err.retryAfterMs, media.sendAttempts));
      await recordSubmitOutcome(db, ctx.teamId, mediaId, hash, { ok: false, retryAt, error: SLOWED_DOWN });
      return { ok: true, mediaId, status: "waiting" };
    }
    const problem = describeUpstreamError(err, "create", params);
    await recordSubmitOutcome(db, ctx.teamId, mediaId, hash, { ok: false, error: problem.error });
    // Refused for sure, nothing made: the reservation is dropped (after the media is claimable
    // again; a try racing in between that is then accepted records its charge: settleAccepted).
    await release(db, ctx.teamId, mediaId, 1);
    return fail(problem.reason, problem.error, problem.fieldErrors);
  }

  // Upstream has the job (and has charged for it) from here on: never report a failure that
  // invites a retry. A failed write leaves the in-flight mark, so no retry sends it again.
  const state = upstreamState(created);
  const record = () =>
    recordSubmitOutcome(db, ctx.teamId, mediaId, hash, {
      ok: true,
      upstreamId: created.id,
      upstream: state.upstream,
      status: state.status,
      serviceName: state.serviceName,
      serviceVersion: state.serviceVersion,
      progress: state.progress,
      bulletVersion: state.bulletVersion,
      finished: isTerminal(state.status),
    });
  const recorded = await record().catch(async (err: unknown) => {
    console.error(
      `submitMedia: upstream accepted ${created.id} for media ${mediaId}; recording failed, trying once more:`,
      err,
    );
    await new Promise((r) => setTimeout(r, 500));
    return record();
  });
  // Upstream charged: the reservation settles (a render already failed is refunded at once).
  await settleAccepted(db, spend, state.status).catch((err: unknown) =>
    console.error(`submitMedia: settling ${mediaId} failed; the sync settles it later:`, err),
  );
  if (!recorded) {
    console.error(
      `submitMedia: upstream accepted ${created.id} for media ${mediaId} after its claim was taken over; left unrecorded`,
    );
  }
  return { ok: true, mediaId, status: state.status };
}
