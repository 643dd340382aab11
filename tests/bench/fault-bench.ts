// No second charge for one video: N creates through the app's real code paths while the
// in-process sandbox injects every fault it offers (lost answers of accepted, charged creates:
// drop, 500, late past a short client timeout; 404 bursts on GET; 429 with Retry-After; a
// refused GIF object type). Webhooks are delivered into the app's handler, the reconciler runs
// on the self-hosted timer's pace, refused creates are retried as a person pressing Retry would.
// Goals: one upstream job (and one charge) per media, every media ready with its MP4 copy, each
// within 60 s of upstream finishing. Exits non-zero when a goal is missed.
// Run on demand: npx tsx --conditions=react-server tests/bench/fault-bench.ts [--n=200] [--deadline=900]
// (N also from FAULT_N; the deadline, in seconds, from FAULT_DEADLINE_S; not part of the suite)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, notInArray, sql } from "drizzle-orm";
import { openDb } from "../../db/client";
import { currentCopies, expectedCopies, media, upstreamRefusals } from "../../db/media-schema";
import { createMediaAs, retrySubmitAs } from "../../lib/media/create";
import { reconcile } from "../../lib/media/reconcile";
import { handleVimmerseWebhook, type WebhookDeps } from "../../lib/media/webhook";
import { createSandbox, type Sandbox } from "../../lib/sandbox";
import { sandboxMedia, sandboxWebhooks } from "../../lib/sandbox/schema";
import { deriveSandboxApiKey } from "../../lib/sandbox-key";
import { forgetHits, RULES } from "../../lib/security/throttle";
import { localStorage } from "../../lib/storage/local";
import { createVimmerseClient } from "../../lib/vimmerse";
import { abortable } from "../helpers/abortable";
import { parallaxForm } from "../helpers/parallax";
import { urlFor, withAdmin } from "../helpers/pg";

const APP_URL = "http://studio.bench";
const SANDBOX = "http://sandbox.bench/api/sandbox";
/** The sandbox's one key, derived as the app derives it (from a bench-only secret). */
const SANDBOX_KEY = deriveSandboxApiKey("bench-secret-bench-secret-bench-secret");
const FILE_SECRET = "bench-secret-bench-secret-bench-secret";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const N = Number(arg("n") ?? process.env.FAULT_N ?? 200);
if (!Number.isInteger(N) || N < 1 || N > 10_000) throw new Error(`--n must be a whole number 1..10000, not ${N}`);
/** Whole run, creates included: generous for the one-at-a-time renders on a small machine. */
const DEADLINE_S = Number(arg("deadline") ?? process.env.FAULT_DEADLINE_S ?? Math.max(300, 120 + N * 4));

const RATE = 0.2;
const CREDITS = 1_000_000;
/** The app client's per-call timeout, short so that "late" answers are lost quickly. */
const CLIENT_TIMEOUT_MS = 4_000;
const LATE_MS = 6_000;
/** 404 bursts: this long, every so often; seconds, far from the 2-minute 404 window. */
const BURST_MS = 3_000;
const BURST_EVERY_MS = 15_000;
/** People creating at once. */
const CREATORS = 4;
/** Presses of Retry per refused media, at most. */
const MAX_RETRIES = 30;
/** lib/background.ts's reconciler pace. */
const RECONCILE_FIRST_MS = 5_000;
const RECONCILE_BUSY_MS = 4_000;
const RECONCILE_IDLE_MS = 10_000;
const MONITOR_MS = 250;
const CONVERGE_GOAL_S = 60;
/** Nothing left upstream and nothing became ready for this long: the rest will not converge in time. */
const STALL_MS = (CONVERGE_GOAL_S + 30) * 1000;

const database = `studio_faults_${randomBytes(4).toString("hex")}`;
const temps: string[] = [];
const temp = (label: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `fault-bench-${label}-`));
  temps.push(dir);
  return dir;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (line = "") => process.stdout.write(`${line}\n`);

// The app and the sandbox log every fault they meet; kept here, shown only for missed goals.
const logs: string[] = [];
const original = { log: console.log, info: console.info, warn: console.warn, error: console.error };
function captureLogs() {
  const keep =
    (level: string) =>
    (...a: unknown[]) => {
      if (logs.length < 50_000)
        logs.push(`${level} ${a.map((x) => (x instanceof Error ? x.message : String(x))).join(" ")}`);
    };
  console.log = keep("log");
  console.info = keep("info");
  console.warn = keep("warn");
  console.error = keep("error");
}
const restoreLogs = () => Object.assign(console, original);

async function main() {
  await withAdmin((s) => s.unsafe(`create database ${database}`));
  const handle = openDb({ url: urlFor(database), dataDir: ".data/bench" });
  const db = handle.db;
  let sandbox: Sandbox | undefined;
  const deferred = new Set<Promise<unknown>>();
  try {
    await handle.migrate();
    const storage = localStorage(temp("storage"));

    // What the app's client saw of upstream, for the report.
    const seen = { calls: 0, s429: 0, s404: 0, s500: 0, s400: 0, timeouts: 0 };
    const toSandbox = abortable((request) => sandbox!.handle(request));
    const client = createVimmerseClient({
      baseUrl: SANDBOX,
      apiKey: SANDBOX_KEY,
      timeoutMs: CLIENT_TIMEOUT_MS,
      // Real sleeps: Retry-After and backoffs are waited out as in production.
      fetch: async (i, init) => {
        seen.calls++;
        try {
          const res = await toSandbox(String(i), init);
          if (res.status === 429) seen.s429++;
          else if (res.status === 404) seen.s404++;
          else if (res.status === 500) seen.s500++;
          else if (res.status === 400) seen.s400++;
          return res;
        } catch (err) {
          seen.timeouts++;
          throw err;
        }
      },
    });
    const track = (p: Promise<unknown>) => {
      const q = p.catch((err) => console.error("[bench] deferred task failed:", err));
      deferred.add(q);
      void q.finally(() => deferred.delete(q));
    };
    const deps: WebhookDeps = { db, client, storage, fetchFile: toSandbox, defer: (task) => track(task()) };
    const hooks = { delivered: 0, pending: 0, non2xx: 0 };
    const network = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith(`${APP_URL}/api/webhooks/vimmerse/`)) {
        const res = await handleVimmerseWebhook(deps, url.split("/").pop(), new Request(url, init));
        if (res.status === 202) hooks.pending++;
        if (res.ok) hooks.delivered++;
        else hooks.non2xx++;
        return res;
      }
      if (url.startsWith(SANDBOX)) return toSandbox(url, init);
      throw new TypeError(`fetch failed: ${url} is unreachable`);
    }) as typeof fetch;
    sandbox = createSandbox({
      db,
      filesDir: temp("sandbox"),
      publicBaseUrl: SANDBOX,
      apiKey: SANDBOX_KEY,
      appOrigin: APP_URL,
      fetch: network,
    });

    const teamId = crypto.randomUUID();
    const who = { teamId, userId: "bench-user" };
    await db.execute(sql`insert into users (id, name, email) values ('bench-user', 'Bench', 'bench@bench.test')`);
    await db.execute(sql`insert into teams (id, name, slug) values (${teamId}, 'Bench', 'bench')`);
    await db.execute(sql`insert into memberships (team_id, user_id, role) values (${teamId}, 'bench-user', 'owner')`);
    const mediaDeps = { db, client, storage, appUrl: APP_URL, fileSecret: FILE_SECRET };

    const started = Date.now();
    const deadline = started + DEADLINE_S * 1000;
    const settings = await sandbox.updateSettings({
      credits: CREDITS,
      failRate: 0,
      delayMs: 0,
      dropWebhooks: false,
      faults: {
        lostAnswer: { next: 0, rate: RATE, kind: "any", lateMs: LATE_MS },
        notFound: { rate: RATE, untilMs: started + BURST_MS },
        rateLimit: { next: 0, rate: RATE, retryAfterS: 1 },
        refuseObjectTypes: ["bullet_video_gif"],
      },
    });
    const creditsBefore = settings.credits!;
    out(
      `Fault benchmark: N=${N} creates, ${RATE * 100}% of each fault (lost create answers drop/500/late ${LATE_MS / 1000} s vs client timeout ${CLIENT_TIMEOUT_MS / 1000} s, 404 bursts ${BURST_MS / 1000} s every ${BURST_EVERY_MS / 1000} s, 429 Retry-After 1 s, GIF refused); PostgreSQL ${database}; deadline ${DEADLINE_S} s`,
    );
    captureLogs();
    sandbox.startWorker();

    // The monitor: re-arms the 404 bursts, and notes when each media is first seen ready with its copy.
    const readyAt = new Map<string, number>();
    let monitoring = true;
    const monitor = (async () => {
      let nextBurst = started + BURST_EVERY_MS;
      while (monitoring) {
        const now = Date.now();
        if (now >= nextBurst) {
          nextBurst = now + BURST_EVERY_MS;
          await sandbox!.updateSettings({ faults: { notFound: { untilMs: now + BURST_MS } } });
        }
        const rows = await db
          .select({ id: media.id })
          .from(media)
          .where(and(eq(media.status, "success"), sql`${currentCopies} >= ${expectedCopies}`));
        const t = Date.now();
        for (const r of rows) if (!readyAt.has(r.id)) readyAt.set(r.id, t);
        await sleep(MONITOR_MS);
      }
    })();

    // The reconciler, as lib/background.ts runs it: a pass never starts before the last has ended.
    const passes = { n: 0, checked: 0, updated: 0, errors: 0, copied: 0, failed: 0 };
    let reconciling = true;
    const reconciler = (async () => {
      let wait = RECONCILE_FIRST_MS;
      while (reconciling) {
        const until = Date.now() + wait;
        while (reconciling && Date.now() < until) await sleep(100);
        if (!reconciling) break;
        let busy = false;
        try {
          const r = await reconcile(db, client, storage, { fetchFile: toSandbox });
          passes.n++;
          passes.checked += r.checked;
          passes.updated += r.updated;
          passes.errors += r.errors;
          passes.copied += r.copied;
          busy = r.inFlight > 0 || r.missingCopies > 0;
        } catch (err) {
          passes.failed++;
          console.error("[bench] reconcile pass failed:", err);
        }
        wait = busy ? RECONCILE_BUSY_MS : RECONCILE_IDLE_MS;
      }
    })();

    // N people press Create (CREATORS at a time); a 429 leaves the video not submitted.
    const outcomes: Record<string, number> = {};
    const refused: string[] = [];
    const ids: string[] = [];
    let lostCreates = 0;
    let nextIndex = 0;
    const createOne = async (i: number) => {
      const form = await parallaxForm(db, storage, who, { title: `Fault ${i}`, quantity: "1", aspectRatio: "1:1" });
      // The benchmark measures rendering and sync under load, not the per-team create pace.
      await forgetHits(db, RULES.createTeam, who.teamId);
      const r = await createMediaAs(mediaDeps, who, form);
      const label = r.ok ? "ok" : (r.reason ?? "error");
      outcomes[label] = (outcomes[label] ?? 0) + 1;
      if (!r.mediaId) throw new Error(`create ${i} made no media: ${JSON.stringify(r)}`);
      ids.push(r.mediaId);
      if (!r.ok) refused.push(r.mediaId);
      else {
        const [m] = await db
          .select({ status: media.status, upstreamId: media.upstreamId })
          .from(media)
          .where(eq(media.id, r.mediaId));
        if (m?.status === "checking" && !m.upstreamId) lostCreates++;
      }
    };
    await Promise.all(
      Array.from({ length: CREATORS }, async () => {
        while (nextIndex < N && Date.now() < deadline) await createOne(nextIndex++);
      }),
    );
    const createsDone = Date.now();

    // Retry, as a person would after reading "retry in a moment", until each is sent.
    let retries = 0;
    for (let round = 0; refused.length > 0 && round < MAX_RETRIES && Date.now() < deadline; round++) {
      await sleep(1_000);
      for (const id of refused.splice(0)) {
        retries++;
        const r = await retrySubmitAs(mediaDeps, teamId, id);
        // "unclear": sent, its answer lost (the video waits for upstream's evidence); "checking": already so.
        if (!r.ok && r.reason === "unclear") lostCreates++;
        else if (!r.ok && r.reason !== "checking") refused.push(id);
      }
    }

    // Until every media is ready with its copy, or the deadline; or stalled: upstream has nothing
    // left to do (no job, no notice pending) and no media became ready for longer than the goal.
    let lastReady = { n: readyAt.size, at: Date.now() };
    let stalled = false;
    while (Date.now() < deadline && readyAt.size < ids.length) {
      await sleep(1_000);
      if (readyAt.size !== lastReady.n) lastReady = { n: readyAt.size, at: Date.now() };
      if (Date.now() - lastReady.at < STALL_MS) continue;
      const [jobsLeft] = await db
        .select({ n: count() })
        .from(sandboxMedia)
        .where(notInArray(sandboxMedia.status, ["success", "fail"]));
      const [hooksLeft] = await db
        .select({ n: count() })
        .from(sandboxWebhooks)
        .where(eq(sandboxWebhooks.status, "pending"));
      if (jobsLeft?.n === 0 && hooksLeft?.n === 0) {
        stalled = true;
        break;
      }
    }
    const converged = readyAt.size === ids.length;
    const endedAt = Date.now();

    monitoring = false;
    reconciling = false;
    await Promise.all([monitor, reconciler]);
    await sandbox.stopWorker();
    while (deferred.size) await Promise.all([...deferred]);
    restoreLogs();

    // ---- the figures ----------------------------------------------------------------------
    const jobs = await db
      .select({
        id: sandboxMedia.id,
        title: sandboxMedia.title,
        status: sandboxMedia.status,
        updatedAt: sandboxMedia.updatedAt,
      })
      .from(sandboxMedia);
    const rows = await db
      .select({
        id: media.id,
        title: media.title,
        status: media.status,
        upstreamId: media.upstreamId,
        lastError: media.lastError,
        copies: sql<number>`${currentCopies}`,
        expected: sql<number>`${expectedCopies}`,
      })
      .from(media);
    const creditsAfter = (await sandbox.getSettings()).credits!;
    const hookRows = await db
      .select({ status: sandboxWebhooks.status, n: sql<number>`count(*)::int` })
      .from(sandboxWebhooks)
      .groupBy(sandboxWebhooks.status);
    const refusals = await db.select({ objectType: upstreamRefusals.objectType }).from(upstreamRefusals);

    const linked = new Set(rows.map((r) => r.upstreamId).filter(Boolean));
    const unlinked = jobs.filter((j) => !linked.has(j.id));
    const jobsByTitle = new Map<string, number>();
    for (const j of jobs) jobsByTitle.set(j.title, (jobsByTitle.get(j.title) ?? 0) + 1);
    const multi = rows.filter((r) => (jobsByTitle.get(r.title) ?? 0) > 1);
    // An unlinked job of a media that has none linked is that media's only job, not a second charge.
    const orphanedOwn = unlinked.filter(
      (j) => jobsByTitle.get(j.title) === 1 && rows.some((r) => r.title === j.title && !r.upstreamId),
    ).length;
    const duplicates = new Set([
      ...unlinked.map((j) => j.id),
      ...jobs.filter((j) => (jobsByTitle.get(j.title) ?? 0) > 1 && !linked.has(j.id)).map((j) => j.id),
    ]).size;
    const jobOf = new Map(jobs.map((j) => [j.id, j]));
    const lost = rows.filter((r) => r.status !== "success" || r.copies < r.expected);
    const failedWhileUpstreamHas = rows.filter(
      (r) => r.status === "fail" && r.upstreamId && jobOf.get(r.upstreamId)?.status === "success",
    );
    const waits: { id: string; s: number }[] = [];
    for (const r of rows) {
      const job = r.upstreamId ? jobOf.get(r.upstreamId) : undefined;
      const at = readyAt.get(r.id);
      if (job?.status === "success" && at !== undefined)
        waits.push({ id: r.id, s: Math.max(0, (at - job.updatedAt.getTime()) / 1000) });
    }
    waits.sort((a, b) => a.s - b.s);
    const worst = waits.at(-1);
    const pct = (q: number) => (waits.length ? waits[Math.min(waits.length - 1, Math.floor(waits.length * q))]!.s : 0);
    const spent = creditsBefore - creditsAfter;
    const expected = rows.length;

    const goals = {
      credits: spent === expected,
      duplicates: duplicates === 0 && multi.length === 0,
      lost: lost.length === 0 && rows.length === N,
      converge: converged && waits.length === rows.length && (worst?.s ?? 0) <= CONVERGE_GOAL_S,
    };
    const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
    const wall = (endedAt - started) / 1000;
    out();
    out(
      `creates: ${JSON.stringify(outcomes)} in ${((createsDone - started) / 1000).toFixed(1)} s; Retry pressed ${retries}×, ${refused.length} still refused`,
    );
    out(
      `faults met by the app's client: ${seen.calls} calls, ${seen.s429}× 429, ${seen.s404}× 404, ${seen.s500}× 500, ${seen.s400}× 400 (GIF refused; remembered: ${refusals.map((r) => r.objectType).join(", ") || "none"}), ${seen.timeouts}× timeout/reset; create answers lost: ${lostCreates}`,
    );
    out(
      `webhooks: ${hookRows.map((h) => `${h.n} ${h.status}`).join(", ")} (handler answered 202 "pending" ${hooks.pending}×, non-2xx ${hooks.non2xx}×); reconciler: ${passes.n} passes, ${passes.checked} checks, ${passes.updated} updates, ${passes.errors} errors, ${passes.copied} copies`,
    );
    out();
    out(`upstream jobs (sandbox_media)   ${String(jobs.length).padStart(8)}`);
    out(`media rows                      ${String(rows.length).padStart(8)}    (N = ${N})`);
    out(
      `credits spent / expected        ${`${spent} / ${expected}`.padStart(8)}    goal: one job's charge per media   ${mark(goals.credits)}`,
    );
    out(
      `duplicates                      ${String(duplicates).padStart(8)}    goal: 0 (unlinked jobs ${unlinked.length}, of them the only job of a media left unlinked ${orphanedOwn}; media with >1 job ${multi.length})   ${mark(goals.duplicates)}`,
    );
    out(
      `lost                            ${String(lost.length).padStart(8)}    goal: 0 (not success or no MP4 copy; failed while upstream has it: ${failedWhileUpstreamHas.length})   ${mark(goals.lost)}`,
    );
    out(
      `time to converge (max)          ${`${(worst?.s ?? 0).toFixed(1)} s`.padStart(8)}    goal: <= ${CONVERGE_GOAL_S} s after upstream finished (p50 ${pct(0.5).toFixed(1)} s, p95 ${pct(0.95).toFixed(1)} s, ${waits.length}/${rows.length} measured)   ${mark(goals.converge)}`,
    );
    out(
      `wall time                       ${`${wall.toFixed(1)} s`.padStart(8)}    ${converged ? "converged" : stalled ? `STALLED (nothing left upstream, nothing ready for ${STALL_MS / 1000} s)` : "DEADLINE PASSED"}`,
    );

    const missed = !Object.values(goals).every(Boolean);
    if (missed) {
      const show = [
        ...lost.slice(0, 10).map((r) => ({ r, why: "lost" })),
        ...(worst && worst.s > CONVERGE_GOAL_S
          ? waits
              .filter((w) => w.s > CONVERGE_GOAL_S)
              .slice(-5)
              .map((w) => ({ r: rows.find((x) => x.id === w.id)!, why: `converged after ${w.s.toFixed(1)} s` }))
          : []),
      ];
      out();
      for (const { r, why } of show) {
        const job = r.upstreamId ? jobOf.get(r.upstreamId) : jobs.find((j) => j.title === r.title);
        out(
          `${why}: media ${r.id} "${r.title}" status ${r.status}, upstream ${r.upstreamId ?? "none linked"}, copies ${r.copies}/${r.expected}, upstream job ${job ? `${job.id} ${job.status} at ${job.updatedAt.toISOString()}` : "none"}${r.lastError ? `, last error "${r.lastError.slice(0, 80)}"` : ""}`,
        );
        for (const line of logs.filter((l) => l.includes(r.id) || (job && l.includes(job.id))).slice(0, 4))
          out(`    ${line.slice(0, 220)}`);
      }
      for (const m of multi.slice(0, 5))
        out(`media ${m.id} "${m.title}" has ${jobsByTitle.get(m.title)} upstream jobs`);
    }
    process.exitCode = missed ? 1 : 0;
  } finally {
    restoreLogs();
    await sandbox?.stopWorker().catch(() => {});
    await Promise.allSettled([...deferred]);
    await handle.close();
    await withAdmin((s) => s.unsafe(`drop database if exists ${database} with (force)`));
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((err) => {
    restoreLogs();
    console.error(err);
    process.exit(1);
  });
