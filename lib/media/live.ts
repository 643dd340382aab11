import "server-only";
import { listMediaStatuses } from "@/db/queries/media-lists";
import { copiesComplete, isInFlight, type LiveItem, STATUS_LABEL } from "./status";
import { refreshWatched, type WatchRefreshDeps } from "./watch-refresh";

// What the progress poll answers: each media's state from the app's own database (the webhook,
// the reconciler and the watch refresh keep it current), never a call upstream on the way.

export type LiveStatus = LiveItem & { label: string };

export async function mediaStatuses(deps: WatchRefreshDeps, teamId: string, ids: string[]): Promise<LiveStatus[]> {
  const rows = await listMediaStatuses(deps.db, teamId, ids);
  const watched = rows.filter((r) => isInFlight(r.status)).map((r) => r.id);
  const waiting = rows.some((r) => r.status === "waiting");
  if (watched.length > 0 || waiting) {
    try {
      await refreshWatched(deps, teamId, watched, waiting);
    } catch (err) {
      // The answer matters more than the refresh: the reconciler will get to it.
      console.error("[status] refresh not scheduled:", err instanceof Error ? err.message : err);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    label: STATUS_LABEL[r.status],
    progress: r.progress,
    ready: copiesComplete(r),
  }));
}
