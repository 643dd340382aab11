import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditLedger } from "@/db/media-schema";
import { memberships, teams } from "@/db/schema";
import { monthSummary } from "@/lib/billing/budget";
import { ledgerKey, refund, release, reserve, type Spend, settleAccepted } from "@/lib/billing/ledger";
import { getDb } from "@/lib/db";
import { aMedia, makeUser } from "../helpers/factories";

// The ledger against real Postgres: the budget check and the insert are one step under the team's
// row lock; one row per media generation; states move forward only.

const db = () => getDb();

async function team(opts: { budget?: number | null; cap?: number | null; suspended?: boolean } = {}) {
  const { user, team } = await makeUser("Payer");
  await db()
    .update(teams)
    .set({ monthlyCreditBudget: opts.budget ?? null, suspendedAt: opts.suspended ? new Date() : null })
    .where(eq(teams.id, team.id));
  if (opts.cap !== undefined)
    await db()
      .update(memberships)
      .set({ monthlyCreditCap: opts.cap })
      .where(and(eq(memberships.teamId, team.id), eq(memberships.userId, user.id)));
  return { teamId: team.id, userId: user.id };
}

const spend = (who: { teamId: string; userId: string }, mediaId: string, credits: number, generation = 1): Spend => ({
  ...who,
  mediaId,
  generation,
  kind: "create",
  motionType: "Parallax",
  credits,
});

const entry = async (key: string) => (await db().select().from(creditLedger).where(eq(creditLedger.key, key)))[0];

describe("reserve", () => {
  it("refuses what does not fit the team's budget, saying what is left and when it resets", async () => {
    const who = await team({ budget: 10 });
    expect(await reserve(db(), spend(who, await aMedia(who), 7))).toMatchObject({ ok: true, created: true });
    const now = new Date();
    const r = await reserve(db(), spend(who, await aMedia(who), 6), now);
    const resets = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const day = `${resets.getUTCDate()} ${resets.toUTCString().split(" ")[2]}`;
    expect(r).toEqual({
      ok: false,
      reason: "team_budget",
      message: `This team has 3 credits left this month (resets ${day}). This video needs ≈ 6.`,
    });
    expect(await reserve(db(), spend(who, await aMedia(who), 3))).toMatchObject({ ok: true });
    expect(await db().select().from(creditLedger)).toHaveLength(2);
  });

  it("is idempotent by key: the same generation is counted once", async () => {
    const who = await team({ budget: 5 });
    const id = await aMedia(who);
    const first = await reserve(db(), spend(who, id, 5));
    const again = await reserve(db(), spend(who, id, 5));
    expect(again).toMatchObject({ ok: true, created: false });
    expect(first.ok && again.ok && again.entry.id === first.entry.id).toBe(true);
    expect(await db().select().from(creditLedger)).toHaveLength(1);
  });

  it("counts only this calendar month (UTC), and never refunded credits", async () => {
    const who = await team({ budget: 10 });
    const old = await aMedia(who);
    await reserve(db(), spend(who, old, 10));
    await db()
      .update(creditLedger)
      .set({ createdAt: new Date(Date.UTC(2000, 0, 31, 23, 59)) })
      .where(eq(creditLedger.key, ledgerKey(old, 1)));
    const a = await aMedia(who);
    expect(await reserve(db(), spend(who, a, 10))).toMatchObject({ ok: true });
    expect(await reserve(db(), spend(who, await aMedia(who), 1))).toMatchObject({ ok: false });
    await refund(db(), who.teamId, a, 1);
    expect(await reserve(db(), spend(who, await aMedia(who), 10))).toMatchObject({ ok: true });
  });

  it("is unlimited without a budget, and refuses everything for a suspended team", async () => {
    const free = await team();
    expect(await reserve(db(), spend(free, await aMedia(free), 1_000_000))).toMatchObject({ ok: true });
    const stopped = await team({ suspended: true });
    expect(await reserve(db(), spend(stopped, await aMedia(stopped), 1))).toMatchObject({
      ok: false,
      reason: "suspended",
      message: expect.stringMatching(/suspended.*watched and downloaded/),
    });
    expect(await db().select().from(creditLedger).where(eq(creditLedger.teamId, stopped.teamId))).toHaveLength(0);
  });

  it("holds a member to their own cap, while the rest of the team may spend", async () => {
    const who = await team({ budget: 100, cap: 4 });
    expect(await reserve(db(), spend(who, await aMedia(who), 4))).toMatchObject({ ok: true });
    const r = await reserve(db(), spend(who, await aMedia(who), 1));
    expect(r).toMatchObject({ ok: false, reason: "member_cap" });
    expect(!r.ok && r.message).toMatch(/^You have 0 credits left of your monthly allowance/);
    // Another member of the same team has no cap.
    const { user: other } = await makeUser("Other");
    await db().insert(memberships).values({ teamId: who.teamId, userId: other.id, role: "member" });
    const them = { teamId: who.teamId, userId: other.id };
    expect(await reserve(db(), spend(them, await aMedia(them), 50))).toMatchObject({ ok: true });
  });

  it("lets exactly the budget through when many reserve at once", async () => {
    const who = await team({ budget: 10 });
    const ids = await Promise.all(Array.from({ length: 30 }, () => aMedia(who)));
    const results = await Promise.all(ids.map((id) => reserve(db(), spend(who, id, 1))));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const s = await monthSummary(db(), who.teamId, who.userId);
    expect(s).toMatchObject({ reserved: 10, spent: 0, left: 0, limitedBy: "team", suspended: false });
  });
});

describe("settle, refund, release", () => {
  it("move forward only: refunded once, never settled after a refund", async () => {
    const who = await team({ budget: 10 });
    const id = await aMedia(who);
    await reserve(db(), spend(who, id, 4));
    await settleAccepted(db(), spend(who, id, 4), "queued");
    expect(await entry(ledgerKey(id, 1))).toMatchObject({ state: "settled", credits: 4 });
    expect(await refund(db(), who.teamId, id, 1)).toBe(true);
    expect(await refund(db(), who.teamId, id, 1)).toBe(false);
    await settleAccepted(db(), spend(who, id, 4), "success");
    expect(await entry(ledgerKey(id, 1))).toMatchObject({ state: "refunded" });
    expect(await db().select().from(creditLedger)).toHaveLength(1);
    expect(await monthSummary(db(), who.teamId, who.userId)).toMatchObject({ spent: 0, reserved: 0, left: 10 });
  });

  it("another team's id moves nothing", async () => {
    const who = await team();
    const other = await team();
    const id = await aMedia(who);
    await reserve(db(), spend(who, id, 2));
    expect(await refund(db(), other.teamId, id, 1)).toBe(false);
    expect(await release(db(), other.teamId, id, 1)).toBe(false);
    expect(await entry(ledgerKey(id, 1))).toMatchObject({ state: "reserved" });
  });

  it("release drops a reservation (only while reserved); an acceptance after it is still recorded", async () => {
    const who = await team({ budget: 10 });
    const id = await aMedia(who);
    await reserve(db(), spend(who, id, 3));
    expect(await release(db(), who.teamId, id, 1)).toBe(true);
    expect(await entry(ledgerKey(id, 1))).toBeUndefined();
    // A racing attempt that upstream accepted: the charge happened, so it is recorded settled.
    await settleAccepted(db(), spend(who, id, 3), "queued");
    expect(await entry(ledgerKey(id, 1))).toMatchObject({ state: "settled", credits: 3 });
    expect(await release(db(), who.teamId, id, 1)).toBe(false);
    expect(await monthSummary(db(), who.teamId, who.userId)).toMatchObject({ spent: 3, left: 7 });
  });
});
