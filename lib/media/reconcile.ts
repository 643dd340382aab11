import "server-only";
import type { DbOrTx } from "@/db/client";
import { listInFlight } from "@/db/queries/media-lists";
import { clearSettledMarkers, listMissingAssets } from "@/db/queries/media-sync";
import type { Storage } from "@/lib/storage/types";
import { MAX_COPY_ATTEMPTS } from "./copies";
import type { Upstream } from "./deps";
import { type SyncOptions, type SyncResult, syncMedia } from "./sync";

// Webhooks get lost (upstream promises one try-ish, networks drop, the app may be down), so
// nothing depends on them: this pass asks upstream about every media still in flight, the
// longest unchecked first, and retries copies of finished videos the app does not hold yet
// (those marked as pending: db/queries/media-sync.ts, so a pass costs what is pending, not what exists).
// Bounded per pass; run by Vercel Cron (app/api/cron/reconcile) or a timer (lib/background.ts).

export type ReconcileOptions = Pick<SyncOptions, "fetchFile"> & {
  /** In-flight media per pass; a quarter as many missing-copy media on top. */
  batch?: number;
  /** Parallel syncs: enough to finish a batch quickly, few enough not to hammer upstream. */
  concurrency?: number;
  /** A media checked more recently than this (by a webhook, say) waits for the next pass. */
  minAgeMs?: number;
  /** No new syncs are started after this long (a Vercel function has a time limit). */
  budgetMs?: number;
  now?: () => number;
};

export type ReconcileReport = {
  inFlight: number;
  missingCopies: number;
  checked: number;
  updated: number;
  errors: number;
  copied: number;
  /** Media left for the next pass because the time budget ran out. */
  deferred: number;
};

const COPY_WINDOW_MS = 3 * 24 * 60 * 60_000;
/** A render failed on repeated 404s is still looked at this long, in case upstream finds it again. */
const PRESUMED_GONE_WATCH_MS = 60 * 60_000;

export async function reconcile(
  db: DbOrTx,
  client: Upstream,
  storage: Storage,
  opts: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const batch = opts.batch ?? 25;
  const notSince = new Date(started - (opts.minAgeMs ?? 3_000));
  const inFlight = await listInFlight(db, batch, notSince, new Date(started - PRESUMED_GONE_WATCH_MS));
  const copyWindow = new Date(started - COPY_WINDOW_MS);
  // Markers left on complete or abandoned media would otherwise be looked at every pass.
  await clearSettledMarkers(db, copyWindow, MAX_COPY_ATTEMPTS);
  const missing = await listMissingAssets(
    db,
    Math.max(1, Math.ceil(batch / 4)),
    copyWindow,
    notSince,
    MAX_COPY_ATTEMPTS,
  );
  const ids = [...new Set([...inFlight, ...missing].map((m) => m.id))];

  const report: ReconcileReport = {
    inFlight: inFlight.length,
    missingCopies: missing.length,
    checked: 0,
    updated: 0,
    errors: 0,
    copied: 0,
    deferred: 0,
  };
  const budget = opts.budgetMs ?? 45_000;
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      if (now() - started > budget) {
        report.deferred = ids.length - next;
        return;
      }
      const id = ids[next++]!;
      let r: SyncResult;
      try {
        r = await syncMedia(db, client, storage, id, { fetchFile: opts.fetchFile });
      } catch (err) {
        // One bad media (a database hiccup, a storage error) must not stop the others.
        console.error(`[reconcile] ${id}:`, err instanceof Error ? err.message : err);
        report.errors++;
        continue;
      }
      report.checked++;
      if (r.outcome === "updated") report.updated++;
      if (r.outcome === "error") report.errors++;
      report.copied += r.assets?.copied.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, ids.length)) }, worker));
  return report;
}
