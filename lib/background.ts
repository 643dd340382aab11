import { setBackgroundWaker } from "@/lib/background-wake";
import { usesSandbox } from "@/lib/env";

// Background work of a long-running server (never on Vercel, where Cron does the same job).
// Everything is imported lazily so that starting the server opens nothing before it is needed.
//
// Idle, it sleeps: each wake-up first asks the database one cheap question (is anything in
// flight, waiting, missing copies, due in the Trash, in a deleting team?) and runs the pass only
// when the answer is yes. Work this process creates wakes it at once (lib/background-wake.ts); work made
// by another instance or the sandbox worker is found by the safety check every few minutes.

/** Pace while there is work: faster while something renders so progress bars move. */
const BUSY_MS = 4_000;
const IDLE_MS = 10_000;
/** With nothing to do, the longest sleep before looking again. */
const SAFETY_MS = 5 * 60_000;
const FIRST_RUN_MS = 5_000;
const PRESUMED_GONE_WATCH_MS = 60 * 60_000;

export type PassResult = { busy: boolean };
export type Pacer = { wake: () => void; stop: () => void };

/**
 * Runs `pass` on a timer, never two at once, only after `hasWork` said yes. A pass that reports
 * busy comes back after `busyMs`, any other after `idleMs`; a "no work" sleeps `safetyMs` or until woken.
 */
export function createPacer(opts: {
  hasWork: () => Promise<boolean>;
  pass: () => Promise<PassResult>;
  busyMs?: number;
  idleMs?: number;
  safetyMs?: number;
  firstMs?: number;
}): Pacer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let wokenDuringRun = false;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };
  const tick = async () => {
    if (running) return;
    running = true;
    wokenDuringRun = false;
    let next = opts.safetyMs ?? SAFETY_MS;
    try {
      if (await opts.hasWork()) {
        const r = await opts.pass();
        next = r.busy ? (opts.busyMs ?? BUSY_MS) : (opts.idleMs ?? IDLE_MS);
      }
    } catch (err) {
      console.error("[reconcile] pass failed:", err instanceof Error ? err.message : err);
      next = opts.idleMs ?? IDLE_MS;
    } finally {
      running = false;
      // Work made while the pass ran may have been missed by its queries: look again at the busy
      // pace, not at once (the pass's own sends wake it too, and must not make it run back to back).
      schedule(wokenDuringRun ? Math.min(next, opts.busyMs ?? BUSY_MS) : next);
    }
  };
  schedule(opts.firstMs ?? FIRST_RUN_MS);
  return {
    wake: () => {
      if (running) wokenDuringRun = true;
      else schedule(0);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

const g = globalThis as unknown as { __studioReconciler?: Pacer };

export function startBackgroundWork(): void {
  if (usesSandbox()) {
    void import("@/lib/sandbox-host").then((m) => m.startSandboxWorker());
  }
  // VERCEL is the platform's own marker, not a setting: there, vercel.json's cron runs the pass.
  if (!process.env.VERCEL && !g.__studioReconciler) {
    const pacer = createPacer({ hasWork, pass });
    g.__studioReconciler = pacer;
    setBackgroundWaker(pacer.wake);
  }
}

async function hasWork(): Promise<boolean> {
  const [{ mediaDeps }, { hasBackgroundWork }, { retainedSince }, { pruneRateLimits }] = await Promise.all([
    import("@/lib/media/app-deps"),
    import("@/db/queries/media-sync"),
    import("@/lib/library/trash"),
    import("@/db/queries/rate-limits"),
  ]);
  const db = mediaDeps().db;
  // Old throttle counters go on every check, busy or idle: at most one small delete per wake-up.
  await pruneRateLimits(db);
  const now = Date.now();
  return hasBackgroundWork(db, {
    goneSince: new Date(now - PRESUMED_GONE_WATCH_MS),
    trashedBefore: retainedSince(new Date(now)),
  });
}

async function pass(): Promise<PassResult> {
  const [{ mediaDeps }, { reconcile }, { sendWaiting }, { purgeTrash }, { purgeDeletingTeams }] = await Promise.all([
    import("@/lib/media/app-deps"),
    import("@/lib/media/reconcile"),
    import("@/lib/media/waiting"),
    import("@/lib/library/trash"),
    import("@/lib/teams/team-deletion"),
  ]);
  const deps = mediaDeps();
  const report = await reconcile(deps.db, deps.client, deps.storage);
  // Renders waiting their turn go as slots free, or once upstream's 429 backoff has passed.
  const waiting = await sendWaiting(deps, { limit: 50 });
  // Media past their 30 days in the Trash go, with their files, a batch per pass.
  const trash = await purgeTrash(deps, { limit: 20 });
  // Deleted teams are emptied in batches for a few seconds a pass: renders keep their pace.
  const teams = await purgeDeletingTeams(deps, { budgetMs: 5_000 });
  if (report.updated || report.errors || report.copied || waiting.sent || waiting.failed || teams.batches)
    console.log("[reconcile]", JSON.stringify({ ...report, waiting, trash, ...(teams.batches ? { teams } : {}) }));
  return {
    busy: report.inFlight > 0 || report.missingCopies > 0 || waiting.stillWaiting > 0 || waiting.sent > 0 || teams.more,
  };
}
