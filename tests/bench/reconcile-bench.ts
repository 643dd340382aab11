// `npm run bench:reconcile`: the background pass's cost with 100 and with 100,000 finished media
// (with all their copies, finished within the copy window: the worst case for the old scan), on a
// scratch database of the test PostgreSQL server. Goal: the pass costs the same at both sizes
// (≤ ~1.2×), since its work follows what is pending, not what exists. Prints each query's median,
// a whole reconcile() pass (fake upstream and storage: nothing is pending, so neither is called),
// the old full scan for comparison, and the plans. Not part of the test suite.
import { randomBytes } from "node:crypto";
import { register } from "node:module";
import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Db, DbOrTx } from "../../db/client";
import { currentCopies, expectedCopies, media } from "../../db/media-schema";
import { listInFlight } from "../../db/queries/media-lists";
import { clearSettledMarkers, hasBackgroundWork, listMissingAssets } from "../../db/queries/media-sync";
import * as schema from "../../db/schema";
import { urlFor, withAdmin } from "../helpers/pg";

// lib/media/* is server-only; outside Next that guard throws, so it resolves to nothing here.
/** The query the reconciler ran before this issue (every finished media, every team), for the "before" figure. */
async function scanMissingAssets(
  db: DbOrTx,
  limit: number,
  finishedSince: Date,
  notSince: Date,
  maxAttempts = Number.POSITIVE_INFINITY,
): Promise<{ id: string; teamId: string }[]> {
  return db
    .select({ id: media.id, teamId: media.teamId })
    .from(media)
    .where(
      and(
        eq(media.status, "success"),
        isNotNull(media.upstreamId),
        gt(media.finishedAt, finishedSince),
        or(isNull(media.syncedAt), lt(media.syncedAt, notSince)),
        or(isNull(media.nextCopyAt), lt(media.nextCopyAt, sql`now()`)),
        Number.isFinite(maxAttempts) ? lt(media.copyAttempts, maxAttempts) : undefined,
        sql`${currentCopies} < ${expectedCopies}`,
      ),
    )
    .orderBy(asc(media.syncedAt))
    .limit(limit);
}

const hook = `export async function resolve(s, c, n) {
  return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const SIZES = [100, 100_000];
const RUNS = 50;
const GOAL = 1.2;
/** The index the reconciler's copy list reads (to be added by a migration: see the report). */
const PENDING_INDEX =
  "create index if not exists media_copies_pending_idx on media (next_copy_at) where next_copy_at is not null";
const database = `studio_bench_rec_${randomBytes(4).toString("hex")}`;

async function median(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
}

async function main() {
  await withAdmin((s) => s.unsafe(`create database ${database}`));
  let last: { query: string; params: unknown[] } | null = null;
  const client = postgres(urlFor(database), {
    max: 4,
    onnotice: () => {},
    debug: (_c, query, params) => {
      last = { query, params: params as unknown[] };
    },
  });
  const db = drizzle({ client, schema }) as unknown as Db;
  try {
    await migrate(drizzle({ client }), { migrationsFolder: "drizzle" });
    await client.unsafe(PENDING_INDEX);
    const team = crypto.randomUUID();
    await client`insert into teams (id, name, slug) values (${team}, 'Bench', 'bench')`;
    const { reconcile } = await import("../../lib/media/reconcile");
    const calls = { upstream: 0, storage: 0 };
    const upstream = new Proxy(
      {},
      { get: () => () => Promise.reject(new Error(`upstream called (${++calls.upstream})`)) },
    );
    const storage = new Proxy(
      {},
      { get: () => () => Promise.reject(new Error(`storage called (${++calls.storage})`)) },
    );

    const since = () => new Date(Date.now() - 3 * 86_400_000);
    const notSince = () => new Date(Date.now() - 3_000);
    const at = () => ({
      goneSince: new Date(Date.now() - 3_600_000),
      trashedBefore: new Date(Date.now() - 30 * 86_400_000),
    });
    const results: Record<string, number[]> = {};
    const plans: string[] = [];
    let seeded = 0;
    for (const n of SIZES) {
      await client`
        insert into media (team_id, title, motion_type, params, status, progress, webhook_secret_hash, upstream_id, bullet_version, created_at, finished_at, synced_at)
        select ${team}::uuid, 'Video ' || g, 'Parallax', '{"quantity": 1}'::jsonb, 'success', 100, md5(${team} || g),
               'up-' || g, '1', now() - g * interval '1 second', now() - g * interval '1 second', now() - g * interval '1 second'
        from generate_series(${seeded + 1}::int, ${n}::int) g`;
      await client`
        insert into media_assets (media_id, team_id, variant_key, kind, storage_key, content_type, bytes, bullet_version)
        select m.id, m.team_id, 'Parallax1', 'mp4', 'media/' || m.id, 'video/mp4', 100000, '1'
        from media m where not exists (select 1 from media_assets a where a.media_id = m.id)`;
      seeded = n;
      await client`vacuum analyze media`;
      await client`vacuum analyze media_assets`;
      const row = (label: string, ms: number) => (results[label] ??= []).push(ms);
      row("listMissingAssets (pending index)", await median(() => listMissingAssets(db, 7, since(), notSince(), 8)));
      row("clearSettledMarkers", await median(() => clearSettledMarkers(db, since(), 8)));
      row("listInFlight", await median(() => listInFlight(db, 25, notSince())));
      row("hasBackgroundWork (idle check)", await median(() => hasBackgroundWork(db, at())));
      row("whole reconcile() pass", await median(() => reconcile(db, upstream as never, storage as never)));
      row("old listMissingAssets (full scan)", await median(() => scanMissingAssets(db, 7, since(), notSince(), 8)));
      for (const [label, fn] of [
        ["listMissingAssets", () => listMissingAssets(db, 7, since(), notSince(), 8)],
        ["hasBackgroundWork", () => hasBackgroundWork(db, at())],
        ["old full scan", () => scanMissingAssets(db, 7, since(), notSince(), 8)],
      ] as const) {
        await fn();
        const q = last as { query: string; params: unknown[] } | null;
        if (!q) continue;
        const plan = await client.unsafe(`explain (analyze, costs off) ${q.query}`, q.params as never[]);
        const lines = plan.map((r) => String(r["QUERY PLAN"]));
        // What each query reads: its scans, in plan order (an index scan on a partial index is the point).
        const scans = lines
          .filter((l) => l.includes(" Scan "))
          .map((l) => l.replace(/^[\s->]*/, "").split(" (actual")[0]);
        const exec = lines.find((l) => l.startsWith("Execution Time")) ?? "";
        plans.push(`${n.toLocaleString("en")} media, ${label}: ${scans.join("; ")} — ${exec}`);
      }
    }
    if (calls.upstream || calls.storage) throw new Error("the idle pass called upstream or storage");

    console.log(`Reconciler benchmark on PostgreSQL (${database}); median of ${RUNS} runs after 3 warm-ups.`);
    console.log(`Finished media, each with its copy, all within the 3-day copy window; nothing pending.\n`);
    console.log(
      `${"query".padEnd(36)} ${SIZES.map((n) => `${n.toLocaleString("en")} media`.padStart(15)).join(" ")}   ratio   goal`,
    );
    for (const [label, [a, b]] of Object.entries(results)) {
      const ratio = b! / a!;
      const goal = label.startsWith("old") ? "(before)" : ratio <= GOAL ? `ok ≤ ${GOAL}×` : `MISS > ${GOAL}×`;
      console.log(
        `${label.padEnd(36)} ${`${a!.toFixed(2)} ms`.padStart(15)} ${`${b!.toFixed(2)} ms`.padStart(15)}   ${ratio.toFixed(2)}×  ${goal}`,
      );
    }
    console.log(`\nPlans (EXPLAIN ANALYZE):\n${plans.map((p) => `  ${p}`).join("\n")}`);
  } finally {
    await client.end({ timeout: 5 });
    await withAdmin((s) => s.unsafe(`drop database if exists ${database} with (force)`));
  }
}

await main();
