import "server-only";
import { listDueWaiting, waitingPlace } from "@/db/queries/media-lists";
import { env } from "@/lib/env";
import type { MediaDeps } from "./deps";
import { submitMedia } from "./submit";

// A team has at most MAX_ACTIVE_RENDERS_PER_TEAM renders in flight; the rest wait in line in
// Postgres ("waiting", by waiting_since) with their credits reserved. This sends them in order as
// slots free, from wherever the app learns that one did: a webhook or a watched page's refresh
// that saw a render finish, and every reconciler pass (Vercel Cron, or the self-host timer). The
// slot is taken under the team's row lock (claimSubmission), so any number of these running at
// once on any number of instances never exceed the limit or send a media twice.

export type DrainReport = { sent: number; stillWaiting: number; failed: number };

/** Sends due waiting media, oldest first; a team whose first try is put back in line is done for this pass. */
export async function sendWaiting(
  deps: MediaDeps,
  opts: { teamId?: string; limit?: number; now?: Date } = {},
): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, stillWaiting: 0, failed: 0 };
  const due = await listDueWaiting(deps.db, opts.now ?? new Date(), opts.limit ?? 20, opts.teamId);
  const full = new Set<string>();
  for (const m of due) {
    if (full.has(m.teamId)) {
      report.stillWaiting++;
      continue;
    }
    try {
      const r = await submitMedia(deps.db, deps.client, deps.storage, m.id, {
        teamId: m.teamId,
        appUrl: deps.appUrl,
        fileSecret: deps.fileSecret,
      });
      // No slot free, or the team suspended or out of credits: its line waits for the next pass.
      if ((r.ok && r.status === "waiting") || (!r.ok && r.reason === "over_budget")) {
        full.add(m.teamId);
        report.stillWaiting++;
      } else if (r.ok) report.sent++;
      else report.failed++;
    } catch (err) {
      // One media (a storage hiccup, an unreadable team key) must not hold up the others.
      console.error(`[waiting] ${m.id}:`, err instanceof Error ? err.message : err);
      report.failed++;
    }
  }
  return report;
}

/** Why a new version cannot start now (a new video would wait in line instead). */
export const slotsFull = (max: number) =>
  `Your team has ${max} renders in progress, the most it may have at once. Try again when one finishes.`;

/** The hook the webhook and the watch refresh call when a slot may have freed. */
export const sendWaitingOf = (deps: MediaDeps) => (teamId: string) => sendWaiting(deps, { teamId });

/** What the media page says of a waiting render. */
export async function waitingNote(
  deps: Pick<MediaDeps, "db">,
  teamId: string,
  m: { id: string; status: string; sendAfter: Date | null },
): Promise<string | null> {
  if (m.status !== "waiting") return null;
  if (m.sendAfter && m.sendAfter.getTime() > Date.now())
    return "Vimmerse asked the studio to slow down; this video is sent again shortly, in its turn.";
  const place = await waitingPlace(deps.db, teamId, m.id);
  if (!place) return null;
  const max = env().MAX_ACTIVE_RENDERS_PER_TEAM;
  const line =
    place.ahead === 0 ? "It is next in line" : `${place.ahead} ${place.ahead === 1 ? "is" : "are"} ahead of it`;
  return `Your team has ${place.active} of ${max} renders in progress. ${line}; it is sent automatically as one finishes. Its credits are reserved.`;
}
