import "server-only";
import { z } from "zod";
import { getMediaForTeam, type Media, reopenMedia, undoReopen } from "@/db/queries/media";
import { latestGenerationNumber, recordGeneration } from "@/db/queries/media-generations";
import { estimateFor } from "@/lib/billing/budget";
import { release, reserve, settleAccepted } from "@/lib/billing/ledger";
import { env } from "@/lib/env";
import { type FormState, fieldErrorsOf } from "@/lib/form-state";
import { RULES, throttle } from "@/lib/security/throttle";
import type { EditMediaPatch, Media as UpstreamMedia } from "@/lib/vimmerse";
import { type CreateParams, createParamsSchema, generationSchema, readStoredParams } from "./create-schema";
import { clientFor, type MediaDeps, type Who } from "./deps";
import { describeUpstreamError, IN_TRASH, MEDIA_MISSING, mayHaveReachedUpstream, UNCLEAR } from "./errors";
import { isInFlight, TERMINAL_STATUSES } from "./status";
import { historyLength } from "./unresolved";
import { upstreamState } from "./upstream-state";
import { slotsFull } from "./waiting";

// New generations of a finished media: changed settings (resubmit) or the same ones again
// (process). Both spend credits. The caller has already authorized the team.

type Deps = Pick<MediaDeps, "db" | "client">;

const BUSY = "This video is rendering. Wait until it has finished, then try again.";
const mediaId = z.uuid(MEDIA_MISSING);

const PATCH_KEYS = {
  prompt: "prompt",
  motionType: "motion_type",
  quantity: "quantity",
  duration: "duration",
  loop: "loop",
  aspectRatio: "aspect_ratio",
  soundEffects: "sound_effects",
} as const satisfies Record<keyof z.output<typeof generationSchema>, keyof EditMediaPatch>;

/** Only what changed goes upstream: upstream regenerates (and charges) on any of these. */
function changedPatch(before: CreateParams, after: CreateParams): EditMediaPatch {
  const patch: Record<string, unknown> = {};
  for (const [field, wire] of Object.entries(PATCH_KEYS) as [keyof typeof PATCH_KEYS, keyof EditMediaPatch][]) {
    if (before[field] === after[field]) continue;
    patch[wire] = field === "soundEffects" ? (after.soundEffects ? "Yes" : "No") : after[field];
  }
  return patch as EditMediaPatch;
}

/** What upstream answered, as the new generation's starting point. */
function startOf(up: UpstreamMedia | null) {
  if (!up) return { status: "queued" as const, progress: 0 };
  const s = upstreamState(up);
  // A stale "success" in the answer is the previous render: the new one has not started yet.
  const inFlight = isInFlight(s.status);
  return {
    status: inFlight ? s.status : ("queued" as const),
    progress: inFlight ? s.progress : 0,
    upstream: s.upstream,
    bulletVersion: s.bulletVersion,
    serviceName: s.serviceName,
    serviceVersion: s.serviceVersion,
  };
}

async function regenerate(
  deps: Deps,
  who: Who,
  media: Media,
  kind: "resubmit" | "process",
  params: CreateParams,
  call: (upstreamId: string) => Promise<UpstreamMedia | null>,
): Promise<FormState> {
  if (media.deletedAt) return { error: IN_TRASH };
  // A new generation spends credits like a new video: the same pace per team.
  const pace = await throttle(deps.db, RULES.createTeam, who.teamId);
  if (!pace.ok) return { error: pace.message };
  const max = env().MAX_ACTIVE_RENDERS_PER_TEAM;
  const reopened = await reopenMedia(deps.db, who.teamId, media.id, TERMINAL_STATUSES, historyLength, max);
  if (reopened === "full") return { error: slotsFull(max) };
  if (!reopened)
    return { error: media.upstreamId ? BUSY : "This video was never sent to Vimmerse; use Retry instead." };
  // The reopen is the claim: only this call can make the next generation, so its number is known
  // now and reserved under it before anything is sent.
  const number = (await latestGenerationNumber(deps.db, who.teamId, media.id)) + 1;
  const spend = {
    teamId: who.teamId,
    userId: who.userId,
    mediaId: media.id,
    generation: number,
    kind,
    motionType: params.motionType,
    credits: estimateFor(params),
  };
  const reserved = await reserve(deps.db, spend).catch(async (err: unknown) => {
    await undoReopen(deps.db, who.teamId, media.id, reopened);
    throw err;
  });
  if (!reserved.ok) {
    await undoReopen(deps.db, who.teamId, media.id, reopened);
    return { error: reserved.message };
  }
  const generation = {
    teamId: who.teamId,
    mediaId: media.id,
    kind,
    requestedBy: who.userId,
    params: params as Record<string, unknown>,
    ...(kind === "resubmit" ? { motionType: params.motionType } : {}),
  };
  let up: UpstreamMedia | null;
  try {
    up = await call(reopened.upstreamId);
  } catch (err) {
    if (mayHaveReachedUpstream(err)) {
      // It may have been made and charged: the history keeps the request, the sync settles it
      // from upstream's own evidence (lib/media/unresolved.ts), and nothing is sent again.
      // Its reservation is kept until then: the sync settles or refunds it.
      await recordGeneration(deps.db, { ...generation, status: "checking", progress: 0, unresolved: true });
      return { ok: true, message: UNCLEAR.change };
    }
    // Refused for sure, nothing made: dropped while the reopen still holds the claim.
    await release(deps.db, who.teamId, media.id, number);
    await undoReopen(deps.db, who.teamId, media.id, reopened);
    const problem = describeUpstreamError(err, "change", params);
    return { error: problem.error, ...(problem.fieldErrors ? { fieldErrors: problem.fieldErrors } : {}) };
  }
  const start = startOf(up);
  const recorded = await recordGeneration(deps.db, { ...generation, ...start });
  // Upstream charged: settled under the number the history gave it (the same, by the claim).
  await settleAccepted(deps.db, { ...spend, generation: recorded }, start.status).catch((err: unknown) =>
    console.error(`regenerate: settling ${media.id}:${recorded} failed; the sync settles it later:`, err),
  );
  return { ok: true, message: `Generation ${recorded} is on its way.` };
}

export const resubmitSchema = generationSchema.extend({ mediaId });

/** Changed generation parameters: upstream renders again with them (and charges credits). */
export async function resubmitAs(deps: Deps, who: Who, input: Record<string, unknown>): Promise<FormState> {
  const parsed = resubmitSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const { mediaId: id, ...changes } = parsed.data;
  const media = await getMediaForTeam(deps.db, who.teamId, id);
  if (!media) return { error: MEDIA_MISSING };
  const before = readStoredParams(media.params);
  const checked = createParamsSchema.safeParse({ ...before, ...changes });
  if (!checked.success) {
    const fieldErrors = fieldErrorsOf(checked.error);
    const elsewhere = Object.entries(fieldErrors)
      .filter(([k]) => !(k in PATCH_KEYS))
      .flatMap(([, m]) => m);
    return {
      error: elsewhere.length
        ? `These settings don't fit this video: ${elsewhere.join(" ")}`
        : "Check the highlighted fields.",
      fieldErrors,
    };
  }
  const patch = changedPatch(before, checked.data);
  if (Object.keys(patch).length === 0) {
    return { error: "Nothing changed. Change a setting, or use “Process again” to render the same settings again." };
  }
  return regenerate(deps, who, media, "resubmit", checked.data, (upstreamId) =>
    clientFor(deps.client, who.teamId).then((c) => c.editMedia(upstreamId, patch)),
  );
}

/** The same parameters rendered again (upstream charges every time). */
export async function processAgainAs(deps: Deps, who: Who, input: Record<string, unknown>): Promise<FormState> {
  const parsed = z.object({ mediaId }).safeParse(input);
  if (!parsed.success) return { error: MEDIA_MISSING };
  const media = await getMediaForTeam(deps.db, who.teamId, parsed.data.mediaId);
  if (!media) return { error: MEDIA_MISSING };
  return regenerate(deps, who, media, "process", readStoredParams(media.params), (upstreamId) =>
    clientFor(deps.client, who.teamId).then((c) => c.processMedia(upstreamId)),
  );
}
