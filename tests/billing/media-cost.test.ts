import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { teams } from "@/db/schema";
import { getDb } from "@/lib/db";
import { loadMediaDetail } from "@/lib/media/detail";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, makeEnv } from "../helpers/harness";

// Each media's page says what it cost: every generation's ledger entry, and the total with
// refunds taken off. Another team's ledger never shows.

const db = () => getDb();
let env: Env;

afterEach(async () => {
  await env?.sandbox.stopWorker();
});

async function team() {
  const { user, team } = await makeUser("Spender");
  await db().update(teams).set({ monthlyCreditBudget: 100 }).where(eq(teams.id, team.id));
  return { who: { teamId: team.id, userId: user.id }, team };
}

describe("a media's cost on its page", () => {
  it("shows the settled estimate per generation and in total", async () => {
    env = await makeEnv();
    const { who, team: t } = await team();
    const id = await createParallax(env, who);
    await env.sandbox.drain();
    await env.settle();
    const detail = await loadMediaDetail(db(), t, id);
    expect(detail?.history.map((h) => h.cost)).toEqual([{ credits: expect.any(Number), state: "settled" }]);
    expect(detail?.credits).toBe(detail?.history[0]?.cost?.credits);
    expect(detail?.credits).toBeGreaterThan(0);
  });

  it("a failed render shows its refund and costs nothing in total", async () => {
    env = await makeEnv();
    const { who, team: t } = await team();
    await env.sandbox.updateSettings({ failRate: 1 });
    const id = await createParallax(env, who);
    await env.sandbox.drain();
    await env.settle();
    const detail = await loadMediaDetail(db(), t, id);
    expect(detail?.history[0]?.cost).toMatchObject({ state: "refunded" });
    expect(detail?.credits).toBe(0);
  });

  it("another team reading the same id gets nothing", async () => {
    env = await makeEnv();
    const { who } = await team();
    const id = await createParallax(env, who);
    const other = await makeUser("Nosy");
    expect(await loadMediaDetail(db(), other.team, id)).toBeNull();
  });
});
