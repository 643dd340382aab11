import { pruneRateLimits } from "@/db/queries/rate-limits";
import { env } from "@/lib/env";
import { handleCron } from "@/lib/http/cron";
import { mediaDeps } from "@/lib/media/app-deps";
import { reconcile } from "@/lib/media/reconcile";

// GET /api/cron/reconcile: one reconciler pass (and old throttle counters dropped), called by Vercel Cron on vercel.json's schedule.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 60;

export async function GET(request: Request) {
  const run = async () => {
    const { db, client, storage } = mediaDeps();
    const report = await reconcile(db, client, storage, { budgetMs: 45_000 });
    return { ...report, prunedRateLimits: await pruneRateLimits(db) };
  };
  return handleCron({ cronSecret: env().CRON_SECRET, run }, request);
}
