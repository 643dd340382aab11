import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { media } from "@/db/media-schema";
import { teams, teamVimmerseKeys } from "@/db/schema";
import { reserve } from "@/lib/billing/ledger";
import { getDb } from "@/lib/db";
import { downloadMedia } from "@/lib/media/download";
import { reconcile } from "@/lib/media/reconcile";
import { syncMedia } from "@/lib/media/sync";
import { sandboxMedia } from "@/lib/sandbox/schema";
import { sandboxAccountKey } from "@/lib/sandbox-key";
import { saveTeamKey } from "@/lib/team-keys";
import { teamUpstream } from "@/lib/upstream";
import { createVimmerseClient } from "@/lib/vimmerse";
import { aMedia, makeUser } from "../helpers/factories";
import { createParallax, type Env, FILE_SECRET, makeEnv, SANDBOX_BASE, SANDBOX_KEY } from "../helpers/harness";

// Issue 11, "the team's own Vimmerse key": every upstream call for a team's media (create,
// status, webhook re-fetch, reconciler, downloads, copies) goes with that team's key, and the
// operator's key never does; a team without its own key never gets another team's. Checked on
// the requests the sandbox receives, and on which sandbox account holds each media.

// The studio's default budget: one credit a month (a one-second Parallax).
vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => real.parseEnv({ ...process.env, TEAM_MONTHLY_CREDITS: "1" }) };
});

const db = () => getDb();
let env: Env;

afterEach(async () => {
  vi.restoreAllMocks();
  await env?.sandbox.stopWorker();
});

const A_KEY = sandboxAccountKey(FILE_SECRET, "team-a");

async function setup() {
  env = await makeEnv({ acceptsKey: (k) => k === A_KEY });
  // Every request the app makes upstream, with the key it carried.
  const seen: { key: string; path: string }[] = [];
  const watched = (apiKey: string) =>
    createVimmerseClient({
      baseUrl: SANDBOX_BASE,
      apiKey,
      sleep: async () => {},
      fetch: (input, init) => {
        seen.push({ key: new Headers(init?.headers).get("x-api-key") ?? "", path: new URL(String(input)).pathname });
        return env.fetchFile(String(input), init);
      },
    });
  const operator = watched(SANDBOX_KEY);
  const client = teamUpstream({ db: db(), operator: () => operator, withKey: watched });
  env.setUpstream(client);
  const a = await makeUser("Ann");
  const b = await makeUser("Bob");
  const saved = await saveTeamKey(db(), a.team.id, a.user.id, A_KEY, async () => "accepted");
  expect(saved).toEqual({ ok: true, last4: A_KEY.slice(-4) });
  const whoA = { teamId: a.team.id, userId: a.user.id };
  const whoB = { teamId: b.team.id, userId: b.user.id };
  return { seen, client, whoA, whoB, teamA: a.team, teamB: b.team };
}

const upstreamIdOf = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!.upstreamId!;
const accountOf = async (upstreamId: string) =>
  (await db().select().from(sandboxMedia).where(eq(sandboxMedia.id, upstreamId)))[0]!.customerId;

describe("a team's own Vimmerse key", () => {
  it("serves every call for its media, and the operator's key serves only the others", async () => {
    // Whatever the app logs on the way, the key is never in it.
    const logged: unknown[][] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
    const { seen, client, whoA, whoB } = await setup();
    const deps = { client };
    const ofA = await createParallax(env, whoA, {}, client);
    const ofB = await createParallax(env, whoB, {}, client);
    const [upA, upB] = [await upstreamIdOf(ofA), await upstreamIdOf(ofB)];

    // Each lives in its own upstream account: A's key's, and the operator's.
    expect(await accountOf(upA)).not.toBe(await accountOf(upB));

    // Status, the reconciler's pass, copies of finished videos and a download, for both.
    await env.sandbox.drain();
    await syncMedia(db(), deps.client, env.storage, ofA, { fetchFile: env.fetchFile });
    await reconcile(db(), deps.client, env.storage, { minAgeMs: 0, fetchFile: env.fetchFile });
    for (const [teamId, id] of [
      [whoA.teamId, ofA],
      [whoB.teamId, ofB],
    ] as const) {
      const res = await downloadMedia(
        { db: db(), client, storage: env.storage },
        teamId,
        id,
        { format: "mp4", width: 480, size: undefined, variant: undefined },
        new Request("http://studio.test/download"),
      );
      expect(res.status).toBe(200);
    }

    const about = (upId: string) => seen.filter((r) => r.path.includes(upId));
    expect(about(upA).length).toBeGreaterThanOrEqual(3);
    expect(about(upB).length).toBeGreaterThanOrEqual(3);
    expect(about(upA).every((r) => r.key === A_KEY)).toBe(true);
    expect(about(upB).every((r) => r.key === SANDBOX_KEY)).toBe(true);
    // The creates: A's with A's key, B's with the operator's.
    const creates = seen.filter((r) => !r.path.includes(upA) && !r.path.includes(upB));
    expect(creates.map((r) => r.key).sort()).toEqual([A_KEY, SANDBOX_KEY].sort());
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged.map((args) => args.map(String)))).not.toContain(A_KEY);
  });

  it("an unreadable stored key stops the team's calls; the operator's key is never used instead", async () => {
    const { seen, client, whoA, teamA } = await setup();
    await db()
      .update(teamVimmerseKeys)
      .set({ ciphertext: "v1.00000000.AAAA.AAAA.AAAA" })
      .where(eq(teamVimmerseKeys.teamId, teamA.id));
    await expect(createParallax(env, whoA, {}, client)).rejects.toThrow(/cannot be decrypted/);
    expect(await db().select().from(media)).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe("budgets of a team on its own key", () => {
  const spend = async (who: { teamId: string; userId: string }) => {
    const mediaId = await aMedia(who);
    return reserve(db(), { ...who, mediaId, generation: 1, kind: "create", motionType: "Parallax", credits: 1 });
  };

  it("the studio's default budget does not limit it; a budget an operator sets for it does", async () => {
    const { whoA, whoB, teamA } = await setup();
    // B spends the studio's credits: its default month is one credit.
    expect(await spend(whoB)).toMatchObject({ ok: true });
    expect(await spend(whoB)).toMatchObject({ ok: false, reason: "team_budget" });
    // A pays Vimmerse itself.
    for (let i = 0; i < 3; i++) expect(await spend(whoA)).toMatchObject({ ok: true });
    await db().update(teams).set({ monthlyCreditBudget: 3 }).where(eq(teams.id, teamA.id));
    expect(await spend(whoA)).toMatchObject({ ok: false, reason: "team_budget" });
  });
});
