import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaStatus } from "@/db/media-schema";
import { getMediaById, lockMediaState, touchSynced, writeMediaState } from "@/db/queries/media";
import { latestGenerationNumber, writeGenerationState } from "@/db/queries/media-generations";
import type { Storage } from "@/lib/storage/types";
import { NotFoundError, type Media as UpstreamMedia, type VimmerseClient } from "@/lib/vimmerse";
import { type CopyReport, type CopyTarget, copyFinishedAssets, type FetchLike } from "./copies";
import { isForward, isInFlight, isTerminal } from "./status";
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

export async function syncMedia(
  db: DbOrTx,
  client: VimmerseClient,
  storage: Storage,
  mediaId: string,
  opts: SyncOptions = {},
): Promise<SyncResult> {
  const m = await getMediaById(db, mediaId);
  if (!m?.upstreamId || m.status === "not_submitted") return { mediaId, outcome: "skipped", status: m?.status ?? null };
  const target = { teamId: m.teamId, mediaId: m.id, generation: await latestGenerationNumber(db, m.teamId, m.id) };

  let up: UpstreamMedia;
  try {
    up = await client.getMedia(m.upstreamId, { signal: opts.signal });
  } catch (err) {
    if (err instanceof NotFoundError && isInFlight(m.status)) {
      // It will never finish: say so rather than show "rendering" forever.
      const gone: UpstreamState = {
        status: "fail",
        progress: m.progress,
        upstream: (m.upstream ?? {}) as Record<string, unknown>,
        serviceName: null,
        serviceVersion: null,
        bulletVersion: null,
        error: GONE,
      };
      const r = await applyUpstreamState(db, target, gone);
      return { mediaId, outcome: r.applied ? "updated" : "stale", status: r.status, error: GONE };
    }
    await touchSynced(db, m.teamId, m.id);
    return { mediaId, outcome: "error", status: m.status, error: err instanceof Error ? err.message : String(err) };
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
    result.copyable = { teamId: m.teamId, mediaId: m.id, upstreamId: m.upstreamId, bulletVersion: r.bulletVersion };
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
): Promise<ApplyResult> {
  const { teamId, mediaId } = target;
  return db.transaction(async (tx) => {
    const row = await lockMediaState(tx, teamId, mediaId);
    if (!row) return { applied: false, reason: "gone", status: null, bulletVersion: null };
    const now = new Date();
    const generation = await latestGenerationNumber(tx, teamId, mediaId);
    // A media never submitted is the submit flow's, not the sync's (it has no upstream state yet).
    const forward = row.status !== "not_submitted" && isForward(row.status, next.status);
    if (generation !== target.generation || !forward) {
      await touchSynced(tx, teamId, mediaId, now);
      const reason = generation !== target.generation ? "stale" : "backwards";
      return { applied: false, reason, status: row.status, bulletVersion: row.bulletVersion };
    }
    const terminal = isTerminal(next.status);
    // Within one generation progress never goes down; success is always complete.
    const progress = next.status === "success" ? 100 : Math.max(row.progress, next.progress);
    const bulletVersion = next.bulletVersion ?? row.bulletVersion;
    const changed = next.status !== row.status || progress !== row.progress || bulletVersion !== row.bulletVersion;
    const finishedAt = terminal ? now : null;
    await writeMediaState(
      tx,
      teamId,
      mediaId,
      { ...next, progress, bulletVersion, finishedAt, ...(changed ? { updatedAt: now } : {}) },
      now,
    );
    if (changed && generation > 0) {
      const error = terminal && next.status !== "success" ? next.error : null;
      await writeGenerationState(tx, teamId, mediaId, generation, { ...next, bulletVersion, finishedAt, error });
    }
    return { applied: true, changed, status: next.status, bulletVersion };
  });
}
