// Webhook notices handled per second by the in-process route handler: repeated notices for
// finished media (upstream retries, duplicates), forged ones (unknown secrets), and notices
// for media still rendering (each one asks upstream, here the in-process sandbox).
// Run on demand: npx tsx --conditions=react-server tests/bench/webhook-bench.ts
// (the react-server condition lets server-only modules load outside Next; not part of the suite)
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { openDb } from "../../db/client";
import { media, mediaAssets, mediaGenerations } from "../../db/media-schema";
import { createMediaAs } from "../../lib/media/create";
import { handleVimmerseWebhook, type WebhookDeps } from "../../lib/media/webhook";
import { createSandbox } from "../../lib/sandbox";
import { sandboxMedia } from "../../lib/sandbox/schema";
import { deriveSandboxApiKey } from "../../lib/sandbox-key";
import { forgetHits, RULES } from "../../lib/security/throttle";
import { localStorage } from "../../lib/storage/local";
import { createVimmerseClient } from "../../lib/vimmerse";
import { parallaxForm } from "../helpers/parallax";
import { urlFor, withAdmin } from "../helpers/pg";

const APP_URL = "http://studio.bench";
const SANDBOX = "http://sandbox.bench/api/sandbox";
/** The sandbox's one key, derived as the app derives it (from a bench-only secret). */
const SANDBOX_KEY = deriveSandboxApiKey("bench-secret-bench-secret-bench-secret");
const FINISHED = 5;
const NOTICES = 4_000;
const CONCURRENCY = 16;

const database = `studio_bench_${randomBytes(4).toString("hex")}`;
const temp = (label: string) => mkdtempSync(path.join(tmpdir(), `webhook-bench-${label}-`));

type Shot = () => Promise<Response>;

async function rate(label: string, shots: Shot[], concurrency: number, expectStatus: number) {
  const latencies: number[] = [];
  let next = 0;
  let wrong = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < shots.length) {
        const shot = shots[next++]!;
        const t = performance.now();
        const res = await shot();
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== expectStatus) wrong++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.floor(latencies.length * q)]!.toFixed(2);
  console.log(
    `${label.padEnd(46)}${String(shots.length).padStart(6)} notices  ${(shots.length / seconds).toFixed(0).padStart(6)}/s  p50 ${p(0.5)} ms  p95 ${p(0.95)} ms${wrong ? `  (${wrong} unexpected answers!)` : ""}`,
  );
}

async function main() {
  await withAdmin((s) => s.unsafe(`create database ${database}`));
  const handle = openDb({ url: urlFor(database), dataDir: ".data/bench" });
  const db = handle.db;
  try {
    await handle.migrate();
    const storage = localStorage(temp("storage"));
    let deferred: Promise<unknown>[] = [];
    // Assigned below: the sandbox and the fetch it is handed refer to each other.
    let sandbox: ReturnType<typeof createSandbox>;
    const toSandbox = (url: string, init?: RequestInit) => sandbox.handle(new Request(url, init));
    const client = createVimmerseClient({
      baseUrl: SANDBOX,
      apiKey: SANDBOX_KEY,
      fetch: (i, init) => toSandbox(String(i), init),
      sleep: async () => {},
    });
    const deps: WebhookDeps = {
      db,
      client,
      storage,
      fetchFile: toSandbox,
      defer: (task) => void deferred.push(task()),
    };
    const network = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith(`${APP_URL}/api/webhooks/vimmerse/`))
        return handleVimmerseWebhook(deps, url.split("/").pop(), new Request(url, init));
      return toSandbox(url, init);
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
    await db.execute(sql`insert into users (id, name, email) values ('bench-user', 'Bench', 'bench@bench.test')`);
    await db.execute(sql`insert into teams (id, name, slug) values (${teamId}, 'Bench', 'bench')`);
    await db.execute(sql`insert into memberships (team_id, user_id, role) values (${teamId}, 'bench-user', 'owner')`);
    const create = async (title: string) => {
      const form = await parallaxForm(db, storage, { teamId, userId: "bench-user" }, { title });
      // The benchmark measures rendering and sync under load, not the per-team create pace.
      await forgetHits(db, RULES.createTeam, teamId);
      const r = await createMediaAs(
        { db, client, storage, appUrl: APP_URL, fileSecret: "bench-secret-bench-secret-bench-secret" },
        { teamId, userId: "bench-user" },
        form,
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.mediaId;
    };
    const secretOf = async (mediaId: string) => {
      const [m] = await db.select({ upstreamId: media.upstreamId }).from(media).where(eq(media.id, mediaId));
      const [u] = await db
        .select({ url: sandboxMedia.webhookUrl })
        .from(sandboxMedia)
        .where(eq(sandboxMedia.id, m!.upstreamId!));
      return { secret: u!.url.split("/").pop()!, upstreamId: m!.upstreamId! };
    };

    // Finished media: rendered by the sandbox, its real notice delivered, the copies made.
    const done = [];
    for (let i = 0; i < FINISHED; i++) done.push(await create(`Finished ${i}`));
    await sandbox.drain();
    await Promise.all(deferred);
    deferred = [];
    const finished = await Promise.all(done.map(secretOf));
    // Media still rendering (the sandbox worker is not running, so they stay queued).
    const rendering = await Promise.all([await create("Rendering A"), await create("Rendering B")].map(secretOf));

    const counts = async () => ({
      generations: (await db.select({ n: count() }).from(mediaGenerations))[0]!.n,
      assets: (await db.select({ n: count() }).from(mediaAssets))[0]!.n,
      success: (await db.select({ n: count() }).from(media).where(eq(media.status, "success")))[0]!.n,
    });
    const before = await counts();

    const notice =
      (s: { secret: string; upstreamId: string }, status = "success") =>
      () =>
        handleVimmerseWebhook(
          deps,
          s.secret,
          new Request(`${APP_URL}/api/webhooks/vimmerse/${s.secret}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ customer_id: "bench", media_id: s.upstreamId, status }),
          }),
        );
    const repeated = Array.from({ length: NOTICES }, (_, i) => notice(finished[i % finished.length]!));
    const forged = Array.from({ length: NOTICES }, () =>
      notice({ secret: randomBytes(32).toString("base64url"), upstreamId: "x" }),
    );
    const inFlight = Array.from({ length: NOTICES / 4 }, (_, i) => notice(rendering[i % rendering.length]!, "success"));

    console.log(`Webhook benchmark: in-process handler, PostgreSQL (${database}), sandbox upstream in-process.\n`);
    for (const c of [1, CONCURRENCY]) {
      await rate(`repeated notices, finished media (x${c})`, repeated, c, 200);
      await rate(`unknown secrets, 404 (x${c})`, forged, c, 404);
      await rate(`media still rendering, asks upstream (x${c})`, inFlight, c, 200);
    }
    await Promise.all(deferred);
    const after = await counts();
    const same = JSON.stringify(before) === JSON.stringify(after);
    console.log(
      `\nState before ${JSON.stringify(before)}, after ${JSON.stringify(after)}: ${same ? "unchanged, as it must be" : "CHANGED!"}`,
    );
    await sandbox.stopWorker();
  } finally {
    await handle.close();
    await withAdmin((s) => s.unsafe(`drop database if exists ${database} with (force)`));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
