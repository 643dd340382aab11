import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { creditLedger, media, mediaGenerations } from "@/db/media-schema";
import { teams } from "@/db/schema";
import { getDb } from "@/lib/db";
import { createMediaAs, retrySubmitAs } from "@/lib/media/create";
import { reconcile } from "@/lib/media/reconcile";
import { processAgainAs, resubmitAs } from "@/lib/media/regenerate";
import { syncMedia } from "@/lib/media/sync";
import { PENDING_CHANGE_WAIT_MS } from "@/lib/media/unresolved";
import { handleVimmerseWebhook } from "@/lib/media/webhook";
import { UpstreamUnavailableError, type VimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import {
  APP_URL,
  createParallax,
  type Env,
  FILE_SECRET,
  makeEnv,
  upstreamJobs,
  webhookRequest,
  webhookSecretOf,
} from "../helpers/harness";
import { parallaxForm } from "../helpers/parallax";

// Credits through the real flows, against the in-process sandbox: reserved before anything goes
// upstream, settled when upstream takes the call, refunded once when it fails, kept while an
// answer is lost. A one-second Parallax costs 1 credit in the default model.

// The create pace (30 per 10 min per team) would refuse 20 of the 50 concurrent creates before
// the budget is consulted, and forgetHits cannot clear hits counted concurrently: here it allows
// more, so what refuses is the budget alone.
vi.mock("@/lib/security/throttle", async (original) => {
  const m = await original<typeof import("@/lib/security/throttle")>();
  return { ...m, RULES: { ...m.RULES, createTeam: { ...m.RULES.createTeam, limit: 1_000 } } };
});

const db = () => getDb();
let env: Env;

afterEach(async () => {
  await env?.sandbox.stopWorker();
});

async function setup(budget: number | null, opts: { suspended?: boolean } = {}) {
  env = await makeEnv();
  const { user, team } = await makeUser("Payer");
  await db()
    .update(teams)
    .set({ monthlyCreditBudget: budget, suspendedAt: opts.suspended ? new Date() : null })
    .where(eq(teams.id, team.id));
  const who = { teamId: team.id, userId: user.id };
  const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
  return { who, deps };
}

const ledger = () => db().select().from(creditLedger).orderBy(creditLedger.key);
const row = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!;
const sum = (rows: { credits: number; state: string }[]) =>
  rows.filter((r) => r.state !== "refunded").reduce((n, r) => n + r.credits, 0);

describe("creates against a budget", () => {
  it("50 at once against a budget of 10: exactly 10 sent (8 at once, 2 in line), 40 refused in words, the ledger exact", async () => {
    const { who, deps } = await setup(10);
    const forms = await Promise.all(Array.from({ length: 50 }, () => parallaxForm(db(), env.storage, who)));
    const results = await Promise.all(forms.map((f) => createMediaAs(deps, who, f)));

    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r).toMatchObject({ reason: "over_budget" });
      expect(r.error).toMatch(
        /^This team has 0 credits left this month \(resets \d+ \w{3}\)\. This video needs ≈ 1\.$/,
      );
    }
    // MAX_ACTIVE_RENDERS_PER_TEAM (8 by default) at once; the other two wait their turn, reserved.
    expect(await upstreamJobs()).toHaveLength(8);
    const made = await db().select().from(media);
    // A refusal creates nothing.
    expect(made).toHaveLength(10);
    expect(made.filter((m) => m.status === "waiting")).toHaveLength(2);
    expect((await ledger()).map((r) => r.state).sort()).toEqual(["reserved", "reserved", ...Array(8).fill("settled")]);
    expect(sum(await ledger())).toBe(10);
    // Renders finish; each finish lets the line move (the webhook), until all ten were sent.
    for (let i = 0; i < 4 && (await upstreamJobs()).length < 10; i++) {
      await env.sandbox.drain();
      await env.settle();
    }
    expect(await upstreamJobs()).toHaveLength(10);
    const rows = await ledger();
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.state === "settled" && r.credits === 1 && r.kind === "create")).toBe(true);
    expect(sum(rows)).toBe(10);
  }, 120_000);

  it("a suspended team sends nothing and records nothing", async () => {
    const { who, deps } = await setup(null, { suspended: true });
    const r = await createMediaAs(deps, who, await parallaxForm(db(), env.storage, who));
    expect(r).toMatchObject({ ok: false, reason: "over_budget", error: expect.stringMatching(/suspended/) });
    expect(await upstreamJobs()).toHaveLength(0);
    expect(await db().select().from(media)).toHaveLength(0);
    expect(await ledger()).toHaveLength(0);
  });

  it("a double click reserves once", async () => {
    const { who, deps } = await setup(5);
    const form = await parallaxForm(db(), env.storage, who, { duration: "3" });
    const [a, b] = await Promise.all([createMediaAs(deps, who, form), createMediaAs(deps, who, form)]);
    expect(a.ok && b.ok).toBe(true);
    expect(await upstreamJobs()).toHaveLength(1);
    expect((await ledger()).map((r) => [r.credits, r.state])).toEqual([[3, "settled"]]);
  });
});

describe("refunds", () => {
  it("a failed render is refunded once, however often its webhook is replayed and the reconciler runs", async () => {
    const { who } = await setup(10);
    await env.sandbox.updateSettings({ failRate: 1 });
    const id = await createParallax(env, who);
    await env.sandbox.drain();
    await env.settle();
    expect(await row(id)).toMatchObject({ status: "fail" });
    const [refunded] = await ledger();
    expect(refunded).toMatchObject({ key: `${id}:1`, state: "refunded" });

    const job = (await row(id)).upstreamId!;
    const secret = await webhookSecretOf(job);
    for (let i = 0; i < 3; i++) {
      const notice = webhookRequest(secret, { customer_id: "c", media_id: job, status: "fail" });
      expect((await handleVimmerseWebhook(env.webhookDeps(), secret, notice)).status).toBe(200);
    }
    await reconcile(db(), env.client, env.storage, { fetchFile: env.fetchFile, minAgeMs: 0 });
    await syncMedia(db(), env.client, env.storage, id);
    const after = await ledger();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ state: "refunded", refundedAt: refunded!.refundedAt });
    expect(sum(after)).toBe(0);
  });

  it("a create upstream refuses is released; the retry reserves and settles once", async () => {
    const { who, deps } = await setup(10);
    await env.sandbox.updateSettings({ credits: 0 });
    await expect(createParallax(env, who)).rejects.toThrow(/credit/);
    expect(await ledger()).toHaveLength(0);
    const [m] = await db().select().from(media);
    await env.sandbox.updateSettings({ credits: null });
    expect(await retrySubmitAs(deps, who.teamId, m!.id)).toMatchObject({ ok: true });
    expect((await ledger()).map((r) => [r.key, r.state])).toEqual([[`${m!.id}:1`, "settled"]]);
  });

  it("a retry over budget sends nothing", async () => {
    const { who, deps } = await setup(10);
    await env.sandbox.updateSettings({ credits: 0 });
    await expect(createParallax(env, who)).rejects.toThrow(/credit/);
    const [m] = await db().select().from(media);
    await db().update(teams).set({ monthlyCreditBudget: 0 }).where(eq(teams.id, who.teamId));
    await env.sandbox.updateSettings({ credits: null });
    expect(await retrySubmitAs(deps, who.teamId, m!.id)).toMatchObject({ ok: false, reason: "over_budget" });
    expect(await upstreamJobs()).toHaveLength(0);
  });
});

describe("a render upstream stops listing", () => {
  it("is not refunded on the app's presumption (404s), and stays charged when upstream finishes it", async () => {
    const { who } = await setup(10);
    await env.sandbox.updateSettings({ delayMs: 60_000 });
    const id = await createParallax(env, who);
    await env.sandbox.updateSettings({ faults: { notFound: { rate: 1, untilMs: Date.now() + 60_000 } } } as never);
    await db()
      .update(mediaGenerations)
      .set({ createdAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(mediaGenerations.mediaId, id));
    await db()
      .update(media)
      .set({ notFoundSince: new Date(Date.now() - 3 * 60_000) })
      .where(eq(media.id, id));
    await syncMedia(db(), env.client, env.storage, id);
    expect(await row(id)).toMatchObject({ status: "fail" });
    expect((await ledger()).map((r) => r.state)).toEqual(["settled"]);

    await env.sandbox.updateSettings({ delayMs: 0, faults: { notFound: { rate: 0, untilMs: 0 } } } as never);
    await env.sandbox.drain();
    await env.settle();
    await syncMedia(db(), env.client, env.storage, id, { fetchFile: env.fetchFile });
    expect(await row(id)).toMatchObject({ status: "success" });
    expect((await ledger()).map((r) => r.state)).toEqual(["settled"]);
  });
});

describe("a lost answer", () => {
  it("keeps its reservation while checking, and settles once upstream's evidence resolves it", async () => {
    const { who } = await setup(10);
    await env.sandbox.updateSettings({ faults: { lostAnswer: { next: 1, kind: "drop" } } } as never);
    const id = await createParallax(env, who);
    expect(await row(id)).toMatchObject({ status: "checking", upstreamId: null });
    expect((await ledger()).map((r) => r.state)).toEqual(["reserved"]);

    await env.sandbox.drain();
    await env.settle();
    expect(await row(id)).toMatchObject({ status: "success" });
    await reconcile(db(), env.client, env.storage, { fetchFile: env.fetchFile, minAgeMs: 0 });
    const rows = await ledger();
    expect(rows.map((r) => [r.key, r.state, r.credits])).toEqual([[`${id}:1`, "settled", 1]]);
  });
});

describe("process and resubmit", () => {
  async function finished(budget: number) {
    const s = await setup(budget);
    const id = await createParallax(env, s.who);
    await env.sandbox.drain();
    await env.settle();
    expect(await row(id)).toMatchObject({ status: "success" });
    return { ...s, id };
  }

  it("reserve under the generation's number and settle; over budget, nothing is sent", async () => {
    const { who, deps, id } = await finished(3);
    await env.sandbox.updateSettings({ credits: 100 });
    expect((await processAgainAs(deps, who, { mediaId: id })).ok).toBe(true);
    await env.sandbox.drain();
    await env.settle();
    expect((await ledger()).map((r) => [r.key, r.kind, r.state])).toEqual([
      [`${id}:1`, "create", "settled"],
      [`${id}:2`, "process", "settled"],
    ]);
    const charged = (await env.sandbox.getSettings()).credits;

    // 2 of 3 spent: a 2-second resubmission needs 2.
    const r = await resubmitAs(deps, who, { mediaId: id, motionType: "Parallax", duration: 2 });
    expect(r.error).toMatch(/^This team has 1 credit left this month .*needs ≈ 2\.$/);
    expect((await env.sandbox.getSettings()).credits).toBe(charged);
    expect(await row(id)).toMatchObject({ status: "success", submittingAt: null });
    expect(await ledger()).toHaveLength(2);
  });

  it("a lost process with no trace upstream is refunded when the media goes back", async () => {
    const { who, deps, id } = await finished(10);
    const timeout: VimmerseClient = {
      ...env.client,
      processMedia: async () => {
        throw new UpstreamUnavailableError("Vimmerse did not answer within 30000 ms", "timeout");
      },
    };
    expect((await processAgainAs({ ...deps, client: timeout }, who, { mediaId: id })).ok).toBe(true);
    expect((await ledger()).map((r) => [r.key, r.state])).toContainEqual([`${id}:2`, "reserved"]);
    await db()
      .update(media)
      .set({ submittingAt: new Date(Date.now() - PENDING_CHANGE_WAIT_MS - 1_000) })
      .where(eq(media.id, id));
    await syncMedia(db(), env.client, env.storage, id);
    await syncMedia(db(), env.client, env.storage, id);
    expect((await ledger()).map((r) => [r.key, r.state])).toEqual([
      [`${id}:1`, "settled"],
      [`${id}:2`, "refunded"],
    ]);
    // The next press is generation 3, reserved afresh.
    expect((await processAgainAs(deps, who, { mediaId: id })).ok).toBe(true);
    expect((await ledger()).map((r) => [r.key, r.state])).toContainEqual([`${id}:3`, "settled"]);
  });

  it("a process upstream refuses is released and the media is as it was", async () => {
    const { who, deps, id } = await finished(10);
    await env.sandbox.updateSettings({ credits: 0 });
    expect((await processAgainAs(deps, who, { mediaId: id })).error).toMatch(/credit/i);
    expect((await ledger()).map((r) => r.key)).toEqual([`${id}:1`]);
    expect(await row(id)).toMatchObject({ status: "success" });
  });
});
