// Deleting one media, then a whole team of 100,000 media (issue 13: minutes, not hours;
// milliseconds per media), on a scratch database of the test PostgreSQL server seeded by
// INSERT … SELECT generate_series; a small second team must come out untouched.
// Run on demand: npm run bench:team-delete  [--n=100000] [--batch=500]  (not part of the suite)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDb } from "../../db/client";
import type { Storage } from "../../lib/storage/types";
import { urlFor, withAdmin } from "../helpers/pg";

// lib/ modules are server-only: run again with the React Server condition if it is not set.
if (!process.execArgv.includes("--conditions=react-server")) {
  const again = spawnSync(
    process.execPath,
    [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)],
    {
      stdio: "inherit",
    },
  );
  process.exit(again.status ?? 1);
}

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const BIG = arg("n", 100_000);
const SMALL = 200;
const BATCH = arg("batch", 500);
const database = `studio_bench_${randomBytes(4).toString("hex")}`;

/** No files in this bench: a storage that only counts what it is asked to delete. */
const countingStorage = (): Storage & { deleted: number } => {
  const s = {
    kind: "local" as const,
    deleted: 0,
    put: async () => {
      throw new Error("not in this bench");
    },
    get: async () => null,
    delete: async () => {
      s.deleted++;
    },
  };
  return s;
};

async function main() {
  const { deleteTeamAs, purgeDeletingTeams } = await import("../../lib/teams/team-deletion");
  await withAdmin((s) => s.unsafe(`create database ${database}`));
  const handle = openDb({ url: urlFor(database), dataDir: ".data/bench" });
  try {
    await handle.migrate();
    const db = handle.db;
    const rows = async <T>(q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as T[];
    const big = crypto.randomUUID();
    const small = crypto.randomUUID();
    await db.execute(
      sql`insert into users (id, name, email) values ('bench-ana', 'Ana', 'ana@bench.test'), ('bench-ben', 'Ben', 'ben@bench.test')`,
    );
    await db.execute(
      sql`insert into teams (id, name, slug) values (${big}, 'Big', 'bench-big'), (${small}, 'Small', 'bench-small')`,
    );
    await db.execute(
      sql`insert into memberships (team_id, user_id, role) values (${big}, 'bench-ana', 'owner'), (${big}, 'bench-ben', 'member'), (${small}, 'bench-ana', 'owner')`,
    );

    /** One statement per table: every media with 1 version, 1–2 copies, a ledger line; some comments, links, favourites, collection rows, activity and notifications. */
    const seed = async (team: string, n: number) => {
      await db.execute(sql`
        insert into media (team_id, created_by, title, motion_type, params, status, progress, webhook_secret_hash, bullet_version, created_at)
        select ${team}::uuid, case when g % 3 = 0 then 'bench-ben' else 'bench-ana' end, 'Video ' || g, 'Parallax',
               '{}'::jsonb, 'success', 100, md5(${team} || g), '1', now() - g * interval '7 seconds'
        from generate_series(1, ${n}) g`);
      await db.execute(sql`
        insert into media_generations (media_id, team_id, number, kind, params, status, bullet_version)
        select id, team_id, 1, 'create', '{}'::jsonb, 'success', '1' from media where team_id = ${team}::uuid`);
      await db.execute(sql`
        insert into media_assets (media_id, team_id, generation_id, variant_key, kind, storage_key, content_type, bytes, bullet_version)
        select m.id, m.team_id, g.id, 'Parallax1', k.kind, 'media/' || m.id || '/' || k.kind, k.type, 100000, '1'
        from media m join media_generations g on g.media_id = m.id
        cross join (values ('mp4', 'video/mp4'), ('poster', 'image/jpeg')) as k(kind, type)
        where m.team_id = ${team}::uuid and (k.kind = 'mp4' or hashtext(m.id::text) % 2 = 0)`);
      await db.execute(sql`
        insert into credit_ledger (team_id, user_id, media_id, key, kind, motion_type, credits, state)
        select team_id, created_by, id, 'create:' || id, 'create', 'Parallax', 10, 'settled' from media where team_id = ${team}::uuid`);
      const some = (every: number) =>
        sql`(select id, team_id, created_by from media where team_id = ${team}::uuid and hashtext(id::text) % ${every} = 0)`;
      await db.execute(
        sql`insert into media_comments (team_id, media_id, author_id, body) select team_id, id, created_by, 'Nice' from ${some(20)} m`,
      );
      await db.execute(
        sql`insert into share_links (team_id, media_id, token_hash, created_by) select team_id, id, md5(id::text), created_by from ${some(50)} m`,
      );
      await db.execute(
        sql`insert into favourites (user_id, media_id, team_id) select 'bench-ana', id, team_id from ${some(10)} m`,
      );
      const [col] = await rows<{ id: string }>(
        sql`insert into collections (team_id, name) values (${team}::uuid, 'Best') returning id`,
      );
      await db.execute(
        sql`insert into collection_media (collection_id, media_id, team_id) select ${col!.id}::uuid, id, team_id from ${some(10)} m`,
      );
      await db.execute(
        sql`insert into activity (team_id, kind, actor_id, media_id) select team_id, 'media.created', created_by, id from ${some(5)} m`,
      );
      await db.execute(sql`
        insert into notifications (user_id, team_id, kind, activity_id, media_id)
        select 'bench-ben', team_id, 'render_finished', id, media_id from activity where team_id = ${team}::uuid and hashtext(id::text) % 4 = 0`);
    };
    let t = performance.now();
    await seed(big, BIG);
    await seed(small, SMALL);
    for (const table of ["media", "media_generations", "media_assets", "credit_ledger", "activity", "notifications"])
      await db.execute(sql.raw(`vacuum analyze ${table}`));
    const seeded = performance.now() - t;

    const counts = async (team: string) => {
      const [c] = await rows<Record<string, number>>(sql`select
        (select count(*)::int from media where team_id = ${team}::uuid) as media,
        (select count(*)::int from media_assets where team_id = ${team}::uuid) as assets,
        (select count(*)::int from media_generations where team_id = ${team}::uuid) as generations,
        (select count(*)::int from credit_ledger where team_id = ${team}::uuid) as ledger,
        (select count(*)::int from media_comments where team_id = ${team}::uuid) as comments,
        (select count(*)::int from share_links where team_id = ${team}::uuid) as links,
        (select count(*)::int from favourites where team_id = ${team}::uuid) as favourites,
        (select count(*)::int from collection_media where team_id = ${team}::uuid) as collected,
        (select count(*)::int from activity where team_id = ${team}::uuid) as activity,
        (select count(*)::int from notifications where team_id = ${team}::uuid) as notifications,
        (select count(*)::int from memberships where team_id = ${team}::uuid) as members`);
      return c!;
    };
    const before = await counts(big);
    const smallBefore = await counts(small);
    console.log(`Team deletion benchmark on PostgreSQL (${database}); purge batches of ${BATCH} media.`);
    console.log(`Seeded in ${(seeded / 1000).toFixed(1)} s: ${JSON.stringify(before)}\n`);

    // One media, as "Delete forever" removes it: the row and everything its foreign keys cascade to.
    const victims = await rows<{ id: string }>(
      sql`select id from media where team_id = ${big}::uuid and hashtext(id::text) % 10 = 0 limit 21`,
    );
    const one: number[] = [];
    for (const v of victims) {
      t = performance.now();
      await db.execute(sql`delete from media where team_id = ${big}::uuid and id = ${v.id}::uuid`);
      one.push(performance.now() - t);
    }
    one.shift(); // the first warms the plans
    one.sort((a, b) => a - b);
    const median = one[Math.floor(one.length / 2)]!;
    console.log(
      `Delete one media by id (cascade over its version, copies, ledger, comments, links, favourites, collections, activity): median ${median.toFixed(2)} ms, max ${one.at(-1)!.toFixed(2)} ms over ${one.length}   goal: a few ms → ${median < 10 ? "MET" : "MISSED"}`,
    );

    // Where the time of one goes, inside the server (rolled back): each cascade is a trigger, each trigger an index lookup.
    type Plan = {
      "Execution Time": number;
      Triggers?: { "Trigger Name": string; "Constraint Name"?: string; Time: number }[];
    };
    let plan: Plan | undefined;
    await db
      .transaction(async (tx) => {
        const [row] = (await tx.execute(
          sql`explain (analyze, format json) delete from media where id = (select id from media where team_id = ${big}::uuid limit 1)`,
        )) as unknown as { "QUERY PLAN": Plan[] }[];
        plan = row?.["QUERY PLAN"][0];
        tx.rollback();
      })
      .catch(() => {});
    if (plan) {
      const slowest = [...(plan.Triggers ?? [])].sort((x, y) => y.Time - x.Time).slice(0, 3);
      console.log(
        `   in the server: ${plan["Execution Time"].toFixed(2)} ms, ${plan.Triggers?.length ?? 0} cascade triggers; slowest: ${slowest.map((tr) => `${tr["Constraint Name"] ?? tr["Trigger Name"]} ${tr.Time.toFixed(2)} ms`).join(", ")}`,
      );
    }
    const storage = countingStorage();
    const left = (await counts(big)).media ?? 0;
    t = performance.now();
    const marked = await deleteTeamAs(db, { userId: "bench-ana", teamId: big, role: "owner" }, { confirmName: "Big" });
    const markMs = performance.now() - t;
    if (!marked.ok) throw new Error(`delete refused: ${JSON.stringify(marked)}`);
    console.log(`Delete the team (the owner's click: mark, free the slug, stop its line): ${markMs.toFixed(1)} ms`);

    let calls = 0;
    let batches = 0;
    let slowestCall = 0;
    t = performance.now();
    for (let more = true; more; ) {
      const c = performance.now();
      const r = await purgeDeletingTeams({ db, storage }, { mediaBatch: BATCH });
      slowestCall = Math.max(slowestCall, performance.now() - c);
      calls++;
      batches += r.batches;
      more = r.more;
    }
    const purgeMs = performance.now() - t;
    const after = await counts(big);
    const smallAfter = await counts(small);
    const [team] = await rows<{ n: number }>(sql`select count(*)::int as n from teams where id = ${big}::uuid`);
    console.log(
      `Purge ${left.toLocaleString("en")} media to the end: ${(purgeMs / 1000).toFixed(1)} s in ${batches} batches over ${calls} call(s) (slowest call ${(slowestCall / 1000).toFixed(1)} s), ${(purgeMs / left).toFixed(2)} ms per media, ${storage.deleted.toLocaleString("en")} files deleted`,
    );
    console.log(
      `   goal: minutes, not hours → ${purgeMs < 10 * 60_000 ? "MET" : "MISSED"}; milliseconds per media → ${purgeMs / left < 10 ? "MET" : "MISSED"}`,
    );
    const empty = Object.values(after).every((n) => n === 0) && team!.n === 0;
    const untouched = JSON.stringify(smallAfter) === JSON.stringify(smallBefore);
    console.log(`Big team left behind: ${empty ? "nothing (team row gone)" : JSON.stringify(after)}`);
    console.log(
      `Small team: ${untouched ? "untouched" : `CHANGED ${JSON.stringify(smallBefore)} → ${JSON.stringify(smallAfter)}`}`,
    );
    if (!empty || !untouched) process.exitCode = 1;
  } finally {
    await handle.close();
    await withAdmin((s) => s.unsafe(`drop database if exists ${database} with (force)`));
  }
}

await main();
