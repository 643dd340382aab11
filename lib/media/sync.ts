import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaStatus } from "@/db/media-schema";
import { abandonPendingCall, getMediaById, lockMediaState, touchSynced, writeMediaState } from "@/db/queries/media";
import { latestGeneration, latestGenerationNumber, writeGenerationState } from "@/db/queries/media-generations";
import { followRender, refund } from "@/lib/billing/ledger";
import { deliverNotifications } from "@/lib/notifications/deliver";
import { recordRenderEnd } from "@/lib/notifications/fan-out";
import type { Storage } from "@/lib/storage/types";
import { NotFoundError, type Media as UpstreamMedia } from "@/lib/vimmerse";
import { adoptLostCreate } from "./adopt";
import { type CopyReport, type CopyTarget, copyFinishedAssets, type FetchLike } from "./copies";
import { clientFor, type Upstream } from "./deps";
import { isForward, isInFlight, isTerminal } from "./status";
import { CHANGE_NOT_SEEN, PENDING_CHANGE_WAIT_MS, showsNewGeneration } from "./unresolved";
import { type UpstreamState, upstreamState } from "./upstream-state";

// One media brought up to date with upstream: shared by the webhook (told something changed),
// the reconciler and the watch refresh (they check on their own). Upstream's GET is the only
// authority; the write happens under a row lock and only moves forward within the generation
// the sync saw before asking, so two syncs at once, or a sync racing a resubmission, cannot
// move anything backwards. Finished videos are then copied into the app's storage.

export type SyncOptions = {
  /** Fetches poster images from upstream's file host (tests route it to the sandbox). */
  fetchFile?: FetchLike;
  /** false: state only; the caller copies files later (the webhook answers first). */
  copyAssets?: boolean;
  signal?: AbortSignal;
};

export type SyncResult = {
  mediaId: string;
  outcome: "skipped" | "updated" | "unchanged" | "stale" | "error";
  status: MediaStatus | null;
  error?: string;
  /** Upstream's media as read, for a caller that copies the files afterwards. */
  upstream?: UpstreamMedia;
  /** Set when upstream and the app agree the current version is finished: its files may be copied. */
  copyable?: CopyTarget;
  assets?: CopyReport;
};

const GONE = "Vimmerse no longer has this video.";

/** No 404 fails a render this soon after it was asked for: upstream may not list a new job yet. */
export const NOT_FOUND_GRACE_MS = 5 * 60_000;
/** …nor before upstream has kept answering 404 for this long. */
export const NOT_FOUND_WINDOW_MS = 2 * 60_000;

export async function syncMedia(
  db: DbOrTx,
  upstream: Upstream,
  storage: Storage,
  mediaId: string,
  opts: SyncOptions = {},
): Promise<SyncResult> {
  const m = await getMediaById(db, mediaId);
  if (m?.status === "checking" && !m.upstreamId && m.candidateUpstreamId) {
    // A lost create's job, named by a notice upstream could not be asked about then.
    const r = await adoptLostCreate({ db, client: upstream }, m, m.candidateUpstreamId);
    if (r.outcome === "adopted") return syncMedia(db, upstream, storage, mediaId, opts);
    await touchSynced(db, m.teamId, m.id);
    return { mediaId, outcome: r.outcome === "unreachable" ? "error" : "unchanged", status: m.status };
  }
  if (!m?.upstreamId || m.status === "not_submitted") return { mediaId, outcome: "skipped", status: m?.status ?? null };
  const latest = await latestGeneration(db, m.teamId, m.id);
  const target = { teamId: m.teamId, mediaId: m.id, generation: latest?.number ?? 0 };
  const now = new Date();

  // The team's own key when it has one, else the operator's: never the other one.
  const client = await clientFor(upstream, m.teamId);
  let up: UpstreamMedia;
  try {
    up = await client.getMedia(m.upstreamId, { signal: opts.signal });
  } catch (err) {
    if (err instanceof NotFoundError && isInFlight(m.status) && m.status !== "checking") {
      return notFound(db, m, target, latest?.createdAt ?? m.createdAt, now);
    }
    // Not an answer about the media: it is looked at again later.
    await touchSynced(db, m.teamId, m.id, now);
    return { mediaId, outcome: "error", status: m.status, error: err instanceof Error ? err.message : String(err) };
  }

  if (m.status === "checking" && m.pendingBaseline && !showsNewGeneration(up, m.pendingBaseline)) {
    return noNewGeneration(db, m, latest?.number ?? 0, now);
  }

  const state = upstreamState(up);
  const r = await applyUpstreamState(db, target, state);
  const result: SyncResult = {
    mediaId,
    outcome: r.applied ? (r.changed ? "updated" : "unchanged") : r.reason === "stale" ? "stale" : "unchanged",
    status: r.status,
    upstream: up,
  };
  // Copy only what upstream and the app agree is the finished current version.
  const current =
    r.status === "success" &&
    state.status === "success" &&
    (state.bulletVersion === null || state.bulletVersion === r.bulletVersion);
  if (current && (r.applied || r.reason === "backwards")) {
    result.copyable = {
      teamId: m.teamId,
      mediaId: m.id,
      upstreamId: m.upstreamId,
      bulletVersion: r.bulletVersion,
      copyAttempts: m.copyAttempts,
    };
    if (opts.copyAssets !== false)
      result.assets = await copyFinishedAssets(db, client, storage, result.copyable, up, opts);
  }
  return result;
}

export type ApplyResult =
  | { applied: true; changed: boolean; status: MediaStatus; bulletVersion: string | null }
  | {
      applied: false;
      reason: "gone" | "stale" | "backwards";
      status: MediaStatus | null;
      bulletVersion: string | null;
    };

/**
 * Writes upstream's state under a row lock, only if it moves the media forward within the
 * generation the caller saw before asking upstream: a sync that raced a resubmission, or a late
 * "processing" after "success", writes nothing but the time it looked.
 */
export async function applyUpstreamState(
  db: DbOrTx,
  target: { teamId: string; mediaId: string; generation: number },
  next: UpstreamState,
  opts: { presumedGone?: boolean } = {},
): Promise<ApplyResult> {
  const { teamId, mediaId } = target;
  let notified: string[] = [];
  const result = await db.transaction(async (tx): Promise<ApplyResult> => {
    const row = await lockMediaState(tx, teamId, mediaId);
    if (!row) return { applied: false, reason: "gone", status: null, bulletVersion: null };
    const now = new Date();
    const generation = await latestGenerationNumber(tx, teamId, mediaId);
    // A media never submitted is the submit flow's, not the sync's (it has no upstream state yet).
    // One failed only because upstream kept answering 404 follows whatever upstream says next.
    const from = row.presumedGoneAt ? "processing" : row.status;
    const forward = row.status !== "not_submitted" && isForward(from, next.status);
    if (generation !== target.generation || !forward) {
      await touchSynced(tx, teamId, mediaId, now, opts.presumedGone ? undefined : null);
      const reason = generation !== target.generation ? "stale" : "backwards";
      return { applied: false, reason, status: row.status, bulletVersion: row.bulletVersion };
    }
    const terminal = isTerminal(next.status);
    // Within one generation progress never goes down; success is always complete.
    const progress = next.status === "success" ? 100 : Math.max(row.progress, next.progress);
    const bulletVersion = next.bulletVersion ?? row.bulletVersion;
    const changed = next.status !== row.status || progress !== row.progress || bulletVersion !== row.bulletVersion;
    const finishedAt = terminal ? now : null;
    const presumedGoneAt = opts.presumedGone ? now : null;
    const write = {
      ...next,
      progress,
      bulletVersion,
      finishedAt,
      presumedGoneAt,
      ...(changed ? { updatedAt: now } : {}),
    };
    await writeMediaState(tx, teamId, mediaId, write, now);
    // Once per render: only the write that moves it into a terminal state says so.
    if (terminal && next.status !== row.status) notified = await recordRenderEnd(tx, target, next.status);
    if (changed && generation > 0) {
      const error = terminal && next.status !== "success" ? next.error : null;
      await writeGenerationState(tx, teamId, mediaId, generation, { ...next, bulletVersion, finishedAt, error });
    }
    // The generation's credits follow, in the same transaction: a failed or cancelled render is
    // refunded (once: the key's state only moves forward, so replayed notices and the reconciler
    // change nothing), any other state means upstream took the call. A fail the app only presumes
    // (upstream kept answering 404) is not upstream's word and refunds nothing.
    if (!opts.presumedGone) await followRender(tx, { teamId, mediaId, generation }, next.status);
    return { applied: true, changed, status: next.status, bulletVersion };
  });
  await deliverNotifications(db, notified);
  return result;
}

type SyncedMedia = NonNullable<Awaited<ReturnType<typeof getMediaById>>>;

/**
 * A 404 while rendering. One 404 is not proof (a new job may not be listed yet, a replica may
 * lag): the render fails only after upstream has kept answering 404 for a while, and never in
 * the first minutes after it was asked for; the reconciler keeps looking at it for a while after.
 */
async function notFound(
  db: DbOrTx,
  m: SyncedMedia,
  target: { teamId: string; mediaId: string; generation: number },
  askedAt: Date,
  now: Date,
): Promise<SyncResult> {
  const since = m.notFoundSince ?? now;
  const young = now.getTime() - askedAt.getTime() < NOT_FOUND_GRACE_MS;
  if (young || now.getTime() - since.getTime() < NOT_FOUND_WINDOW_MS) {
    await touchSynced(db, m.teamId, m.id, now, since);
    return { mediaId: m.id, outcome: "error", status: m.status, error: "not found (yet)" };
  }
  const gone: UpstreamState = {
    status: "fail",
    progress: m.progress,
    upstream: (m.upstream ?? {}) as Record<string, unknown>,
    serviceName: null,
    serviceVersion: null,
    bulletVersion: null,
    error: GONE,
  };
  const r = await applyUpstreamState(db, target, gone, { presumedGone: true });
  return { mediaId: m.id, outcome: r.applied ? "updated" : "stale", status: r.status, error: GONE };
}

/**
 * A paid call whose answer was lost, and upstream shows no new generation: keep waiting for a
 * while (upstream may not have started it yet), then put the media back as it was and say so.
 */
async function noNewGeneration(db: DbOrTx, m: SyncedMedia, generation: number, now: Date): Promise<SyncResult> {
  const since = m.submittingAt;
  if (!since || !m.pendingBaseline || now.getTime() - since.getTime() < PENDING_CHANGE_WAIT_MS) {
    await touchSynced(db, m.teamId, m.id, now, null);
    return { mediaId: m.id, outcome: "unchanged", status: m.status };
  }
  const baseline = m.pendingBaseline;
  const abandoned = await db.transaction(async (tx) => {
    if (!(await abandonPendingCall(tx, m.teamId, m.id, since, baseline, CHANGE_NOT_SEEN))) return false;
    const failed = { status: "fail" as const, serviceName: null, serviceVersion: null, bulletVersion: null };
    await writeGenerationState(tx, m.teamId, m.id, generation, { ...failed, finishedAt: now, error: CHANGE_NOT_SEEN });
    // Known not made: its reservation is refunded.
    await refund(tx, m.teamId, m.id, generation);
    return true;
  });
  return { mediaId: m.id, outcome: abandoned ? "updated" : "stale", status: abandoned ? baseline.status : m.status };
}
