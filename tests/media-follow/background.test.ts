import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { media } from "@/db/media-schema";
import { hasBackgroundWork } from "@/db/queries/media-sync";
import { teams } from "@/db/schema";
import { createPacer } from "@/lib/background";
import { setBackgroundWaker } from "@/lib/background-wake";
import { getDb } from "@/lib/db";
import { aMedia, makeUser } from "../helpers/factories";
import { createParallax, makeEnv } from "../helpers/harness";

// An idle server does nothing every 10 s: the pass runs only when the one cheap check finds work,
// the check itself sleeps minutes unless something wakes it.

const db = () => getDb();
const at = () => ({
  goneSince: new Date(Date.now() - 3_600_000),
  trashedBefore: new Date(Date.now() - 30 * 86_400_000),
});

describe("the background pacer", () => {
  afterEach(() => vi.useRealTimers());

  const counted = (work: { now: boolean }) => {
    const calls = { checks: 0, passes: 0 };
    const pacer = createPacer({
      hasWork: async () => {
        calls.checks++;
        return work.now;
      },
      pass: async () => {
        calls.passes++;
        return { busy: false };
      },
      firstMs: 5_000,
      idleMs: 10_000,
      busyMs: 4_000,
      safetyMs: 300_000,
    });
    return { calls, pacer };
  };

  it("with nothing to do, checks once and runs no pass for minutes; a wake runs the pass at once", async () => {
    vi.useFakeTimers();
    const work = { now: false };
    const { calls, pacer } = counted(work);
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(calls).toEqual({ checks: 1, passes: 0 });

    work.now = true;
    pacer.wake();
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toEqual({ checks: 2, passes: 1 });
    pacer.stop();
  });

  it("a wake during a pass brings the next look forward to the busy pace, not to at once", async () => {
    vi.useFakeTimers();
    const calls = { checks: 0, passes: 0 };
    let pacer!: ReturnType<typeof createPacer>;
    pacer = createPacer({
      hasWork: async () => {
        calls.checks++;
        return calls.checks === 1;
      },
      pass: async () => {
        calls.passes++;
        pacer.wake(); // what a render sent by the pass itself does
        return { busy: false };
      },
      firstMs: 5_000,
      idleMs: 10_000,
      busyMs: 4_000,
      safetyMs: 300_000,
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual({ checks: 1, passes: 1 });
    await vi.advanceTimersByTimeAsync(3_900);
    expect(calls.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.checks).toBe(2);
    pacer.stop();
  });

  it("keeps its pace while there is work and goes back to sleep when it is done", async () => {
    vi.useFakeTimers();
    const work = { now: true };
    const { calls, pacer } = counted(work);
    await vi.advanceTimersByTimeAsync(5_000 + 3 * 10_000);
    expect(calls.passes).toBe(4);
    work.now = false;
    await vi.advanceTimersByTimeAsync(10_000);
    const asleep = { ...calls };
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(calls).toEqual(asleep);
    // The safety check still comes, for work another instance made.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.checks).toBe(asleep.checks + 1);
    pacer.stop();
  });
});

describe("hasBackgroundWork", () => {
  it("is false with only finished, settled media, and true for each kind of work", async () => {
    const { user, team } = await makeUser();
    const id = await aMedia({ teamId: team.id, userId: user.id });
    const set = (patch: Partial<typeof media.$inferInsert>) => db().update(media).set(patch).where(eq(media.id, id));
    await set({ status: "success", upstreamId: "u1", finishedAt: new Date() });
    expect(await hasBackgroundWork(db(), at())).toBe(false);

    const cases: [string, Partial<typeof media.$inferInsert>][] = [
      ["rendering", { status: "processing" }],
      ["an unresolved paid call", { submittingAt: new Date() }],
      ["waiting its turn", { status: "waiting", waitingSince: new Date() }],
      ["copies due", { nextCopyAt: new Date(Date.now() - 1_000) }],
      ["due for the purge", { deletedAt: new Date(Date.now() - 31 * 86_400_000) }],
    ];
    for (const [label, patch] of cases) {
      await set(patch);
      expect(await hasBackgroundWork(db(), at()), label).toBe(true);
      await set({ status: "success", submittingAt: null, waitingSince: null, nextCopyAt: null, deletedAt: null });
    }
    // Copies backing off, and a media only just trashed, are not work yet.
    await set({ nextCopyAt: new Date(Date.now() + 60_000), deletedAt: new Date() });
    expect(await hasBackgroundWork(db(), at())).toBe(false);

    await db().update(teams).set({ deletingAt: sql`now()` }).where(eq(teams.id, team.id));
    expect(await hasBackgroundWork(db(), at())).toBe(true);
  });
});

describe("what wakes the pass", () => {
  afterEach(() => setBackgroundWaker(undefined));

  it("a render sent wakes it; a create refused over budget does not", async () => {
    const env = await makeEnv();
    const waker = vi.fn();
    setBackgroundWaker(waker);
    try {
      const { user, team } = await makeUser();
      const who = { teamId: team.id, userId: user.id };
      await db().update(teams).set({ monthlyCreditBudget: 0 }).where(eq(teams.id, team.id));
      await expect(createParallax(env, who)).rejects.toThrow();
      expect(waker).not.toHaveBeenCalled();
      await db().update(teams).set({ monthlyCreditBudget: null }).where(eq(teams.id, team.id));
      await createParallax(env, who);
      expect(waker).toHaveBeenCalledTimes(1);
    } finally {
      await env.sandbox.stopWorker();
    }
  });
});
