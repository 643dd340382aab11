import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { reconcile } from "@/lib/media/reconcile";
import { getStorage } from "@/lib/storage";
import { getVimmerse } from "@/lib/upstream";
import { handleCron } from "./handler";

// GET /api/cron/reconcile: one reconciler pass (vercel.json runs it every minute).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 60;

export async function GET(request: Request) {
  return handleCron(
    { cronSecret: env().CRON_SECRET, run: () => reconcile(getDb(), getVimmerse(), getStorage(), { budgetMs: 45_000 }) },
    request,
  );
}
