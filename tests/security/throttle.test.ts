import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { rateLimits } from "@/db/schema";
import { getDb } from "@/lib/db";
import { forgetHits, RULES, type ThrottleRule, throttle, throttleAll, tryAgainIn } from "@/lib/security/throttle";

const db = () => getDb();
const rule: ThrottleRule = {
  name: "test",
  limit: 5,
  windowSeconds: 60,
  freeHits: 2,
  firstDelayMs: 100,
  maxDelayMs: 300,
  refusal: "Slow down.",
};

describe("throttle (counted in Postgres)", () => {
  it("answers the free hits at once, then waits longer each time, then refuses with when to retry", async () => {
    const id = randomUUID();
    const verdicts = [];
    for (let i = 0; i < 7; i++) verdicts.push(await throttle(db(), rule, id));
    expect(verdicts.slice(0, 5)).toEqual([
      { ok: true, delayMs: 0 },
      { ok: true, delayMs: 0 },
      { ok: true, delayMs: 100 },
      { ok: true, delayMs: 200 },
      { ok: true, delayMs: 300 },
    ]);
    for (const refused of verdicts.slice(5)) {
      expect(refused).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Slow down\. Try again in (\d+ seconds?|1 minute)\.$/),
      });
      if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(50);
    }
  });

  it("counts every concurrent hit exactly once (many instances, one table)", async () => {
    const id = randomUUID();
    const verdicts = await Promise.all(Array.from({ length: 40 }, () => throttle(db(), { ...rule, limit: 10 }, id)));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(10);
  });

  it("starts a fresh window once the old one has ended, and forgets a key on request", async () => {
    const id = randomUUID();
    for (let i = 0; i < 6; i++) await throttle(db(), rule, id);
    expect((await throttle(db(), rule, id)).ok).toBe(false);
    await db().execute(
      sql`update rate_limits set window_started_at = now() - interval '61 seconds' where key = ${`test:${id}`}`,
    );
    expect(await throttle(db(), rule, id)).toEqual({ ok: true, delayMs: 0 });
    for (let i = 0; i < 6; i++) await throttle(db(), rule, id);
    await forgetHits(db(), rule, id);
    expect(await throttle(db(), rule, id)).toEqual({ ok: true, delayMs: 0 });
  });

  it("keys are case-insensitive, so an email in capitals is the same account", async () => {
    const email = `${randomUUID()}@example.com`;
    for (let i = 0; i < 5; i++) await throttle(db(), rule, email);
    expect((await throttle(db(), rule, email.toUpperCase())).ok).toBe(false);
  });

  it("throttleAll refuses when any key is spent and otherwise waits the longest delay", async () => {
    const spent = randomUUID();
    for (let i = 0; i < 5; i++) await throttle(db(), rule, spent);
    expect(
      (
        await throttleAll(db(), [
          [rule, randomUUID()],
          [rule, spent],
        ])
      ).ok,
    ).toBe(false);
    const warm = randomUUID();
    for (let i = 0; i < 3; i++) await throttle(db(), rule, warm);
    expect(
      await throttleAll(db(), [
        [rule, randomUUID()],
        [rule, warm],
      ]),
    ).toEqual({ ok: true, delayMs: 200 });
  });

  it("prunes counters whose windows ended a day ago", async () => {
    const id = randomUUID();
    await throttle(db(), rule, id);
    await db().execute(
      sql`update rate_limits set window_started_at = now() - interval '2 days' where key = ${`test:${id}`}`,
    );
    expect(await pruneRateLimits(db())).toBeGreaterThanOrEqual(1);
    const left = await db()
      .select()
      .from(rateLimits)
      .where(sql`key = ${`test:${id}`}`);
    expect(left).toEqual([]);
  });

  it("says when to try again in words", () => {
    expect(tryAgainIn(1)).toBe("Try again in 1 second.");
    expect(tryAgainIn(59)).toBe("Try again in 59 seconds.");
    expect(tryAgainIn(61)).toBe("Try again in 2 minutes.");
    expect(tryAgainIn(3600)).toBe("Try again in 1 hour.");
    expect(RULES.signInAccount.limit).toBeLessThan(200);
  });
});
