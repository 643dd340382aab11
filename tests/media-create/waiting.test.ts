import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { creditLedger, media } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { loadMediaDetail } from "@/lib/media/detail";
import { processAgainAs } from "@/lib/media/regenerate";
import { backoffMs, SLOWED_DOWN } from "@/lib/media/submit";
import { sendWaiting } from "@/lib/media/waiting";
import { makeUser } from "../helpers/factories";
import { APP_URL, createParallax, type Env, FILE_SECRET, makeEnv, upstreamJobs } from "../helpers/harness";

// Issue 11, "concurrency per team": at most MAX_ACTIVE_RENDERS_PER_TEAM renders in flight; more
// wait ("waiting", in Postgres) with their credits reserved and are sent in order as slots free;
// an upstream 429 puts a media back in that line with backoff, never sending it twice.

vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => real.parseEnv({ ...process.env, MAX_ACTIVE_RENDERS_PER_TEAM: "2" }) };
});
// Many creates in one test: the per-team create pace is not what is under test.
vi.mock("@/lib/security/throttle", async (original) => {
  const m = await original<typeof import("@/lib/security/throttle")>();
  return { ...m, RULES: { ...m.RULES, createTeam: { ...m.RULES.createTeam, limit: 1_000 } } };
});

const db = () => getDb();
let env: Env;

afterEach(async () => {
  await env?.sandbox.stopWorker();
});

async function setup() {
  env = await makeEnv();
  const { user, team } = await makeUser("Queuer");
  const who = { teamId: team.id, userId: user.id };
  const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
  return { who, team, deps };
}

const rowOf = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!;
const statuses = async (ids: string[]) => Promise.all(ids.map(async (id) => (await rowOf(id)).status));
const ledgerStates = async () =>
  (await db().select().from(creditLedger).orderBy(creditLedger.createdAt)).map((r) => r.state);

/** Renders finish and their webhooks arrive (which let the line move), until nothing is left to do. */
async function finishRenders(rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    await env.sandbox.drain();
    await env.settle();
  }
}

describe("renders in flight per team", () => {
  it("the third of a team's renders waits, reserved, and is sent in order as slots free", async () => {
    const { who, team, deps } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await createParallax(env, who, { title: `Take ${i + 1}` }));

    expect(await upstreamJobs()).toHaveLength(2);
    expect(await statuses(ids)).toEqual(["queued", "queued", "waiting", "waiting"]);
    // Paid for in advance, so the line can never outgrow the budget.
    expect(await ledgerStates()).toEqual(["settled", "settled", "reserved", "reserved"]);

    const third = await loadMediaDetail(db(), team, ids[2]!);
    expect(third?.waiting).toBe(
      "Your team has 2 of 2 renders in progress. It is next in line; it is sent automatically as one finishes. Its credits are reserved.",
    );
    expect((await loadMediaDetail(db(), team, ids[3]!))?.waiting).toMatch(/1 is ahead of it/);
    expect(third?.live.status).toBe("waiting");

    // No slot is free: asking again sends nothing.
    expect(await sendWaiting(deps)).toEqual({ sent: 0, stillWaiting: 2, failed: 0 });
    expect(await upstreamJobs()).toHaveLength(2);

    // The first two finish; their webhooks let the next two go, oldest first.
    await finishRenders();
    expect(await upstreamJobs()).toHaveLength(4);
    expect(await statuses(ids)).toEqual(["success", "success", "success", "success"]);
    const [a, b] = [await rowOf(ids[2]!), await rowOf(ids[3]!)];
    expect(a.waitingSince).toBeNull();
    expect(b.waitingSince).toBeNull();
    expect(await ledgerStates()).toEqual(["settled", "settled", "settled", "settled"]);
  });

  it("creates at once never put more than the limit in flight; concurrent drains send nothing twice", async () => {
    const { who, deps } = await setup();
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => createParallax(env, who, { title: `P${i}` })));
    expect(await upstreamJobs()).toHaveLength(2);
    expect((await statuses(ids)).filter((s) => s === "waiting")).toHaveLength(6);

    await Promise.all(Array.from({ length: 5 }, () => sendWaiting(deps)));
    expect(await upstreamJobs()).toHaveLength(2);

    await finishRenders(10);
    // Each video made exactly once upstream.
    expect(await upstreamJobs()).toHaveLength(8);
    expect(new Set((await Promise.all(ids.map(rowOf))).map((m) => m.upstreamId)).size).toBe(8);
  });

  it("a new version is refused in words while the team's slots are full, and nothing changes", async () => {
    const { who, deps } = await setup();
    const first = await createParallax(env, who);
    await finishRenders();
    expect((await rowOf(first)).status).toBe("success");
    await createParallax(env, who);
    await createParallax(env, who);
    const jobs = (await upstreamJobs()).length;

    const r = await processAgainAs(deps, who, { mediaId: first });
    expect(r).toEqual({
      error: "Your team has 2 renders in progress, the most it may have at once. Try again when one finishes.",
    });
    expect((await rowOf(first)).status).toBe("success");
    expect(await upstreamJobs()).toHaveLength(jobs);
  });
});

describe("upstream 429", () => {
  it("puts the media back in line with backoff, keeps its reservation, and sends it once later", async () => {
    const { who, deps } = await setup();
    await env.sandbox.updateSettings({ faults: { rateLimit: { next: 1, retryAfterS: 1 } } });
    const id = await createParallax(env, who);

    const m = await rowOf(id);
    expect(m.status).toBe("waiting");
    expect(m.lastError).toBe(SLOWED_DOWN);
    expect(m.sendAttempts).toBe(1);
    expect(m.sendAfter!.getTime()).toBeGreaterThan(Date.now());
    expect(await upstreamJobs()).toHaveLength(0);
    expect(await ledgerStates()).toEqual(["reserved"]);

    // Not before the backoff, however often it is asked.
    expect(await sendWaiting(deps)).toEqual({ sent: 0, stillWaiting: 0, failed: 0 });
    expect(await upstreamJobs()).toHaveLength(0);

    await new Promise((r) => setTimeout(r, m.sendAfter!.getTime() - Date.now() + 50));
    const [x, y] = await Promise.all([sendWaiting(deps), sendWaiting(deps)]);
    expect(x.sent + y.sent).toBe(1);
    expect(await upstreamJobs()).toHaveLength(1);
    const sent = await rowOf(id);
    expect(sent).toMatchObject({ status: "queued", lastError: null, sendAttempts: 0, waitingSince: null });
    expect(await ledgerStates()).toEqual(["settled"]);
  });

  it("backs off by upstream's Retry-After when given, else doubling from 5 s, never beyond 10 minutes", () => {
    const noJitter = () => 0;
    expect(backoffMs(3_000, 0, noJitter)).toBe(3_000);
    expect(backoffMs(null, 0, noJitter)).toBe(5_000);
    expect(backoffMs(null, 3, noJitter)).toBe(40_000);
    expect(backoffMs(null, 30, noJitter)).toBe(600_000);
    expect(backoffMs(3_600_000, 0, noJitter)).toBe(600_000);
    expect(backoffMs(null, 0, () => 1)).toBe(6_000);
  });
});
