import "server-only";
import type { DbOrTx } from "@/db/client";
import { claimWatchedForRefresh } from "@/db/queries/media-lists";
import type { Storage } from "@/lib/storage/types";
import type { Upstream } from "./deps";
import { isTerminal } from "./status";
import { syncMedia } from "./sync";

// People watching a render poll the status route every few seconds. Where no frequent
// reconciler runs (Vercel's Hobby plan allows a daily cron at most) and the webhook only comes at
// the end, their polls are what keep progress moving: a watched media unchecked for
// WATCH_REFRESH_MS is asked about once, however many people watch it. The poll itself is still
// answered from the database, before the refresh runs.

export const WATCH_REFRESH_MS = 5_000;
/** Upstream calls one poll may cause, at most. */
const PER_POLL = 8;

export type WatchRefreshDeps = {
  db: DbOrTx;
  client: Upstream;
  storage: Storage;
  /** Runs the refresh after the answer is sent. */
  defer: (task: () => Promise<unknown>) => void;
  /** A render of the team finished, or some wait in line: send those due (lib/media/waiting.ts). */
  onSlotFreed?: (teamId: string) => Promise<unknown>;
};

/**
 * Claims the watched media that are due and refreshes them later; returns the ids claimed. With
 * `waiting` (some watched media wait in line), or when a refreshed render finished, the team's
 * line is looked at too.
 */
export async function refreshWatched(
  deps: WatchRefreshDeps,
  teamId: string,
  inFlightIds: string[],
  waiting = false,
): Promise<string[]> {
  const due =
    inFlightIds.length === 0
      ? []
      : await claimWatchedForRefresh(deps.db, teamId, inFlightIds, WATCH_REFRESH_MS, PER_POLL);
  if (due.length === 0 && !waiting) return due;
  deps.defer(async () => {
    const results = await Promise.all(
      due.map((id) =>
        syncMedia(deps.db, deps.client, deps.storage, id).catch((err: unknown) => {
          console.error(`[watch-refresh] ${id}:`, err instanceof Error ? err.message : err);
          return null;
        }),
      ),
    );
    const freed = results.some((r) => r?.outcome === "updated" && r.status !== null && isTerminal(r.status));
    if ((waiting || freed) && deps.onSlotFreed) await deps.onSlotFreed(teamId);
  });
  return due;
}
