import { usesSandbox } from "@/lib/env";

// Background work of a long-running server (never on Vercel, where Cron does the same job).
// Everything is imported lazily so that starting the server opens nothing before it is needed.

const g = globalThis as unknown as { __studioReconciler?: boolean };

/** Idle pace of the reconciler; faster while something renders so progress bars move. */
const IDLE_MS = 10_000;
const BUSY_MS = 4_000;
const FIRST_RUN_MS = 5_000;

export function startBackgroundWork(): void {
  if (usesSandbox()) {
    void import("@/lib/sandbox-host").then((m) => m.startSandboxWorker());
  }
  // VERCEL is the platform's own marker, not a setting: there, vercel.json's cron runs the pass.
  if (!process.env.VERCEL) startReconciler();
}

/** Runs the reconciler on a timer; a pass never starts before the previous one has ended. */
function startReconciler(): void {
  if (g.__studioReconciler) return;
  g.__studioReconciler = true;
  const schedule = (ms: number) => setTimeout(run, ms).unref?.();
  const run = async () => {
    let busy = false;
    try {
      const [{ mediaDeps }, { reconcile }, { sendWaiting }, { pruneRateLimits }] = await Promise.all([
        import("@/lib/media/app-deps"),
        import("@/lib/media/reconcile"),
        import("@/lib/media/waiting"),
        import("@/db/queries/rate-limits"),
      ]);
      const deps = mediaDeps();
      const report = await reconcile(deps.db, deps.client, deps.storage);
      // Renders waiting their turn go as slots free, or once upstream's 429 backoff has passed.
      const waiting = await sendWaiting(deps, { limit: 50 });
      // Media past their 30 days in the Trash go, with their files, a batch per pass.
      const trash = await (await import("@/lib/library/trash")).purgeTrash(deps, { limit: 20 });
      await pruneRateLimits(deps.db);
      busy = report.inFlight > 0 || report.missingCopies > 0 || waiting.stillWaiting > 0 || waiting.sent > 0;
      if (report.updated || report.errors || report.copied || waiting.sent || waiting.failed)
        console.log("[reconcile]", JSON.stringify({ ...report, waiting, trash }));
    } catch (err) {
      console.error("[reconcile] pass failed:", err instanceof Error ? err.message : err);
    } finally {
      schedule(busy ? BUSY_MS : IDLE_MS);
    }
  };
  schedule(FIRST_RUN_MS);
}
