import { pruneRateLimits } from "@/db/queries/rate-limits";
import { env } from "@/lib/env";
import { handleCron } from "@/lib/http/cron";
import { purgeTrash } from "@/lib/library/trash";
import { mediaDeps } from "@/lib/media/app-deps";
import { reconcile } from "@/lib/media/reconcile";
import { sendWaiting } from "@/lib/media/waiting";
import { purgeDeletingTeams } from "@/lib/teams/team-deletion";

// GET /api/cron/reconcile: one reconciler pass (waiting renders sent, the Trash and deleted teams purged, old throttle counters dropped), called by Vercel Cron on vercel.json's schedule.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 60;

export async function GET(request: Request) {
  const run = async () => {
    const deps = mediaDeps();
    const report = await reconcile(deps.db, deps.client, deps.storage, { budgetMs: 40_000 });
    const waiting = await sendWaiting(deps, { limit: 50 });
    const trash = await purgeTrash(deps, { limit: 20 });
    // What is left of the 60 s: deleted teams, a batch at a time (the next run goes on).
    const teams = await purgeDeletingTeams(deps, { budgetMs: 10_000 });
    return { ...report, waiting, trash, teams, prunedRateLimits: await pruneRateLimits(deps.db) };
  };
  return handleCron({ cronSecret: env().CRON_SECRET, run }, request);
}
