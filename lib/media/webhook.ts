import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import {
  claimSyncLease,
  dropSyncLease,
  findMediaByWebhookHash,
  releaseSyncLease,
  type WebhookTarget,
} from "@/db/queries/media";
import { hasAllCopies } from "@/db/queries/media-assets";
import type { Storage } from "@/lib/storage/types";
import { parseWebhookPayload } from "@/lib/vimmerse";
import { adoptLostCreate } from "./adopt";
import { copyFinishedAssets, type FetchLike } from "./copies";
import type { Upstream } from "./deps";
import { isTerminal } from "./status";
import { syncMedia } from "./sync";
import { hashWebhookSecret, webhookSecretMatches } from "./webhook-secret";

// Upstream's notice that a media changed. It is unsigned and may be forged, repeated or late,
// so the body is never believed: the secret in the URL picks the media, and upstream's own GET
// says what its state is. Free of Next's request APIs so tests and benches call it directly.

export type WebhookDeps = {
  db: DbOrTx;
  client: Upstream;
  storage: Storage;
  /** Work to finish after the answer is sent (copying videos can outlast upstream's 10 s). */
  defer: (task: () => Promise<unknown>) => void;
  fetchFile?: FetchLike;
  /**
   * The least time between two upstream GETs for one media however many notices arrive (3 s):
   * notices meanwhile are folded into one more pass after it. Tests set 0.
   */
  syncGapMs?: number;
  /** A render of the team finished: its renders waiting for a slot may go (lib/media/waiting.ts). */
  onSlotFreed?: (teamId: string) => Promise<unknown>;
};

/** newWebhookSecret(): 32 random bytes, base64url. Anything else cannot be one of ours. */
const secretSchema = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/);
const MAX_BODY_BYTES = 64 * 1024;

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });
const unknownSecret = () => answer(404, { error: "unknown webhook" });

/** The body, for the log only: at most 64 KB, any garbage tolerated. */
async function readNotice(request: Request): Promise<{ mediaId: string | null; status: string | null } | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES || !request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
    const payload = parseWebhookPayload(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    return payload && { mediaId: payload.mediaId ?? payload.batchId, status: payload.status };
  } catch {
    return null;
  }
}

export async function handleVimmerseWebhook(deps: WebhookDeps, secret: unknown, request: Request): Promise<Response> {
  const parsed = secretSchema.safeParse(secret);
  if (!parsed.success) return unknownSecret();
  const target = await findMediaByWebhookHash(deps.db, hashWebhookSecret(parsed.data));
  if (!target || !webhookSecretMatches(parsed.data, target.webhookSecretHash)) return unknownSecret();

  const notice = await readNotice(request);
  // No upstream id: a create whose answer was lost. The notice names the job it made.
  if (!target.upstreamId) {
    if (target.status !== "checking" || !notice?.mediaId) return answer(200, { ok: true, changed: false });
    return adopt(deps, target, notice.mediaId);
  }
  if (notice?.mediaId && notice.mediaId !== target.upstreamId) {
    console.warn(
      `[webhook] notice for ${target.id} names another upstream media (${notice.mediaId}); checking upstream anyway`,
    );
  }
  // Finished media only change through the app's own resubmission, which reopens them first:
  // a notice now is a repeat. Answer at once; just make sure the copy of the video exists.
  const finished = isTerminal(target.status);
  if (finished && (target.status !== "success" || (await hasAllCopies(deps.db, target.teamId, target.id)))) {
    return answer(200, { ok: true, changed: false });
  }
  // One sync per media at a time: a notice arriving meanwhile asks the running one for one more pass.
  if (!(await claimSyncLease(deps.db, target.id, LEASE_MS)))
    return answer(200, { ok: true, changed: false, coalesced: true });
  const sync = (copyAssets: boolean) =>
    syncMedia(deps.db, deps.client, deps.storage, target.id, { copyAssets, fetchFile: deps.fetchFile });
  const thenRelease = (work: () => Promise<unknown>) =>
    deps.defer(async () => {
      try {
        await work();
      } finally {
        await releaseLease(deps.db, target.id, () => sync(true), deps.syncGapMs ?? SYNC_GAP_MS);
      }
    });

  try {
    if (finished) {
      thenRelease(() => sync(true));
      return answer(200, { ok: true, changed: false });
    }
    const r = await sync(false);
    const { copyable, upstream } = r;
    thenRelease(async () => {
      if (copyable && upstream) {
        await copyFinishedAssets(deps.db, deps.client, deps.storage, copyable, upstream, { fetchFile: deps.fetchFile });
      }
    });
    if (r.outcome === "error") {
      // Upstream could not be asked; the reconciler will. 202 so the notice is not retried in a storm.
      console.warn(`[webhook] could not check ${target.id} upstream: ${r.error}`);
      return answer(202, { ok: true, changed: false, pending: true });
    }
    if (r.outcome === "updated") {
      console.info(`[webhook] ${target.id} → ${r.status} (notice said ${notice?.status ?? "nothing readable"})`);
      const { onSlotFreed } = deps;
      if (onSlotFreed && r.status && isTerminal(r.status)) deps.defer(() => onSlotFreed(target.teamId));
    }
    return answer(200, { ok: true, changed: r.outcome === "updated", status: r.status });
  } catch (err) {
    await releaseSyncLease(deps.db, target.id, LEASE_MS).catch(() => {});
    throw err;
  }
}

/** How long one notice's sync (and the copies after it) may hold the media. */
const LEASE_MS = 60_000;
const SYNC_GAP_MS = 3_000;
/** Passes one lease holder makes for notices that arrived while it ran, at most (about 15 s of them). */
const EXTRA_PASSES = 5;

/**
 * After a pass, notices that came meanwhile get one more pass, but not before `gapMs` has gone
 * by: a storm of notices makes one GET per gap, not one each. Past EXTRA_PASSES the lease is let
 * go with the request still noted, for the next notice (or the reconciler) to take.
 */
async function releaseLease(db: DbOrTx, mediaId: string, again: () => Promise<unknown>, gapMs: number): Promise<void> {
  for (let i = 0; i < EXTRA_PASSES; i++) {
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    if (!(await releaseSyncLease(db, mediaId, LEASE_MS))) return;
    await again();
  }
  await dropSyncLease(db, mediaId);
}

/** A notice naming the job a lost create made (lib/media/adopt.ts). */
async function adopt(deps: WebhookDeps, target: WebhookTarget, upstreamId: string): Promise<Response> {
  const r = await adoptLostCreate(deps, target, upstreamId);
  if (r.outcome === "unreachable") {
    // Not a 2xx, so upstream may notify again; the reconciler asks about the candidate meanwhile.
    console.warn(`[webhook] could not check ${upstreamId} for ${target.id}: ${r.error}`);
    return answer(503, { error: "temporarily unavailable" });
  }
  if (r.outcome === "adopted" && r.status === "success") {
    deps.defer(() => syncMedia(deps.db, deps.client, deps.storage, target.id, { fetchFile: deps.fetchFile }));
  }
  return answer(200, { ok: true, changed: r.outcome === "adopted" });
}
