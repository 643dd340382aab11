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
      const [{ getDb }, { getVimmerse }, { getStorage }, { reconcile }, { pruneRateLimits }] = await Promise.all([
        import("@/lib/db"),
        import("@/lib/upstream"),
        import("@/lib/storage"),
        import("@/lib/media/reconcile"),
        import("@/db/queries/rate-limits"),
      ]);
      const report = await reconcile(getDb(), getVimmerse(), getStorage());
      await pruneRateLimits(getDb());
      busy = report.inFlight > 0 || report.missingCopies > 0;
      if (report.updated || report.errors || report.copied) console.log("[reconcile]", JSON.stringify(report));
    } catch (err) {
      console.error("[reconcile] pass failed:", err instanceof Error ? err.message : err);
    } finally {
      schedule(busy ? BUSY_MS : IDLE_MS);
    }
  };
  schedule(FIRST_RUN_MS);
}
