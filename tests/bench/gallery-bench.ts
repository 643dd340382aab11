// Gallery query time with 100 and with 100,000 media in a team (target: within 2× of each
// other), on a scratch database of the test PostgreSQL server, seeded by INSERT … SELECT.
// Run on demand: npx tsx tests/bench/gallery-bench.ts  (not part of the test suite)
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDb } from "../../db/client";
import { listCardAssets } from "../../db/queries/media-assets";
import {
  type Cursor,
  type GalleryFilters,
  listGalleryPage,
  listInFlight,
  listMediaStatuses,
} from "../../db/queries/media-lists";
import { listMissingAssets } from "../../db/queries/media-sync";
import { listMembers } from "../../db/queries/teams";
import { STATUS_GROUPS } from "../../lib/media/status";
import { urlFor, withAdmin } from "../helpers/pg";

const SMALL = 100;
const BIG = 100_000;
const RUNS = 100;
const PAGE = 24;

const database = `studio_bench_${randomBytes(4).toString("hex")}`;

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

async function main() {
  await withAdmin((s) => s.unsafe(`create database ${database}`));
  const handle = openDb({ url: urlFor(database), dataDir: ".data/bench" });
  try {
    await handle.migrate();
    const db = handle.db;
    const small = crypto.randomUUID();
    const big = crypto.randomUUID();
    await db.execute(
      sql`insert into users (id, name, email) values ('bench-ana', 'Ana', 'ana@bench.test'), ('bench-ben', 'Ben', 'ben@bench.test')`,
    );
    await db.execute(
      sql`insert into teams (id, name, slug) values (${small}, 'Small', 'bench-small'), (${big}, 'Big', 'bench-big')`,
    );
    await db.execute(
      sql`insert into memberships (team_id, user_id, role) values (${small}, 'bench-ana', 'owner'), (${big}, 'bench-ana', 'owner'), (${big}, 'bench-ben', 'member')`,
    );

    const seed = async (team: string, n: number) => {
      const t = performance.now();
      // One statement per table. Mostly finished videos, a few failed, a handful still rendering.
      await db.execute(sql`
        insert into media (team_id, created_by, title, motion_type, params, status, progress, webhook_secret_hash, bullet_version, created_at, finished_at, synced_at)
        select ${team}::uuid,
               case when g % 3 = 0 then 'bench-ben' else 'bench-ana' end,
               'Video ' || g || case when g % 97 = 0 then ' sunset' else '' end,
               (array['Parallax', 'Auto', 'KlingAI', 'LumaAI', 'Veo'])[1 + g % 5],
               jsonb_build_object('quantity', 1, 'motionType', 'Parallax'),
               (case when g % 200 = 0 then 'processing' when g % 25 = 0 then 'fail' else 'success' end)::media_status,
               case when g % 200 = 0 then 40 else 100 end,
               md5(${team} || '-' || g),
               '1',
               now() - g * interval '7 seconds',
               now() - g * interval '7 seconds' + interval '1 minute',
               now() - g * interval '7 seconds' + interval '1 minute'
        from generate_series(1, ${n}) g`);
      await db.execute(sql`
        insert into media_assets (media_id, team_id, variant_key, kind, storage_key, content_type, bytes, bullet_version)
        select m.id, m.team_id, 'Parallax1', k.kind, 'media/' || m.id || '/' || k.kind, k.type, 100000, '1'
        from media m cross join (values ('mp4', 'video/mp4'), ('poster', 'image/jpeg')) as k(kind, type)
        where m.team_id = ${team}::uuid and m.status = 'success'`);
      return performance.now() - t;
    };
    const seedSmall = await seed(small, SMALL);
    const seedBig = await seed(big, BIG);
    await db.execute(sql`vacuum analyze media`);
    await db.execute(sql`vacuum analyze media_assets`);
    console.log(
      `Gallery benchmark on PostgreSQL (${database}), ${RUNS} runs each after 5 warm-ups; page size ${PAGE}.`,
    );
    console.log(
      `Seeded ${SMALL} media in ${seedSmall.toFixed(0)} ms and ${BIG.toLocaleString("en")} media in ${seedBig.toFixed(0)} ms (one INSERT … SELECT generate_series each, plus their copies).\n`,
    );

    /** A cursor halfway down the team's gallery: deep pages must cost what the first one does. */
    const middle = async (team: string, n: number): Promise<Cursor> => {
      const rows = (await db.execute(sql`
        select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at, id::text as id
        from media where team_id = ${team}::uuid order by created_at desc, id desc offset ${Math.floor(n / 2)} limit 1`)) as unknown as Cursor[];
      return rows[0]!;
    };
    const cursors = { [small]: await middle(small, SMALL), [big]: await middle(big, BIG) };

    /** What the gallery page does on the server: one page, its copies, the creator list. */
    const galleryPage = (team: string, filters: GalleryFilters, cursor: Cursor | null) => async () => {
      const page = await listGalleryPage(db, team, filters, cursor, PAGE);
      await Promise.all([
        listCardAssets(
          db,
          team,
          page.rows.map((r) => r.id),
        ),
        listMembers(db, team),
      ]);
    };
    const cases: [string, (team: string) => () => Promise<unknown>][] = [
      ["first page, newest", (t) => galleryPage(t, { sort: "newest" }, null)],
      ["middle page (keyset)", (t) => galleryPage(t, { sort: "newest" }, cursors[t]!)],
      ["first page, oldest", (t) => galleryPage(t, { sort: "oldest" }, null)],
      ["status: rendering", (t) => galleryPage(t, { sort: "newest", statuses: STATUS_GROUPS.rendering }, null)],
      ["status: failed", (t) => galleryPage(t, { sort: "newest", statuses: STATUS_GROUPS.failed }, null)],
      ["motion: KlingAI", (t) => galleryPage(t, { sort: "newest", motionType: "KlingAI" }, null)],
      ["creator: Ben", (t) => galleryPage(t, { sort: "newest", creator: "bench-ben" }, null)],
      ['search: "sunset"', (t) => galleryPage(t, { sort: "newest", q: "sunset" }, null)],
      ["search: no match", (t) => galleryPage(t, { sort: "newest", q: "no such title" }, null)],
      [
        "status poll (24 ids)",
        (t) => {
          let ids: string[] = [];
          return async () => {
            if (ids.length === 0)
              ids = (await listGalleryPage(db, t, { sort: "newest" }, null, PAGE)).rows.map((r) => r.id);
            await listMediaStatuses(db, t, ids);
          };
        },
      ],
    ];

    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(
      `${pad("query", 24)}${pad(`${SMALL} media`, 22)}${pad(`${BIG.toLocaleString("en")} media`, 22)}ratio (median)`,
    );
    let worst = 0;
    for (const [label, make] of cases) {
      const a = await time(make(small));
      const b = await time(make(big));
      const ratio = b.median / a.median;
      worst = Math.max(worst, ratio);
      const cell = (r: { median: number; p95: number }) =>
        pad(`${r.median.toFixed(2)} ms (p95 ${r.p95.toFixed(2)})`, 22);
      console.log(`${pad(label, 24)}${cell(a)}${cell(b)}${ratio.toFixed(2)}×`);
    }
    console.log(`\nWorst ratio: ${worst.toFixed(2)}× (target ≤ 2×).`);

    // The reconciler's two work lists run over every team's media.
    const since = new Date(Date.now() - 3_000);
    const inFlight = await time(() => listInFlight(db, 25, since));
    const missing = await time(() => listMissingAssets(db, 7, new Date(Date.now() - 3 * 86_400_000), since));
    console.log(
      `\nReconciler lists over ${(SMALL + BIG).toLocaleString("en")} media: in flight ${inFlight.median.toFixed(2)} ms, missing copies ${missing.median.toFixed(2)} ms (median).`,
    );

    const c = cursors[big]!;
    const at = sql`(${c.at}::timestamp at time zone 'UTC')`;
    const plan = (await db.execute(
      sql`explain analyze select id from media where team_id = ${big}::uuid and created_at <= ${at} and (created_at < ${at} or id < ${c.id}::uuid) order by created_at desc nulls last, id desc nulls last limit 25`,
    )) as unknown as { "QUERY PLAN": string }[];
    console.log("\nPlan of a middle page of the big team:");
    for (const row of plan) console.log(`  ${row["QUERY PLAN"]}`);
  } finally {
    await handle.close();
    await withAdmin((s) => s.unsafe(`drop database if exists ${database} with (force)`));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
