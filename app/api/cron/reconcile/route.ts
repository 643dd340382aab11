import { pruneRateLimits } from "@/db/queries/rate-limits";
import { env } from "@/lib/env";
import { handleCron } from "@/lib/http/cron";
import { purgeTrash } from "@/lib/library/trash";
import { mediaDeps } from "@/lib/media/app-deps";
import { reconcile } from "@/lib/media/reconcile";
import { sendWaiting } from "@/lib/media/waiting";

// GET /api/cron/reconcile: one reconciler pass (and old throttle counters dropped), called by Vercel Cron on vercel.json's schedule.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 60;

export async function GET(request: Request) {
  const run = async () => {
    const deps = mediaDeps();
    const report = await reconcile(deps.db, deps.client, deps.storage, { budgetMs: 40_000 });
    const waiting = await sendWaiting(deps, { limit: 50 });
    const trash = await purgeTrash(deps, { limit: 20 });
    return { ...report, waiting, trash, prunedRateLimits: await pruneRateLimits(deps.db) };
  };
  return handleCron({ cronSecret: env().CRON_SECRET, run }, request);
}
