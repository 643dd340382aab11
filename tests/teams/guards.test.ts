import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { addMember } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/form-state";
import { makeUser } from "../helpers/factories";

// The doors of every team-scoped action and route (lib/auth/guards.ts): who is signed in comes
// from the mocked Auth.js session, the team and the role from the database.

const signedIn: { userId: string | null } = { userId: null };
vi.mock("@/lib/auth/index", () => ({ auth: async () => (signedIn.userId ? { user: { id: signedIn.userId } } : null) }));
const revalidated: string[] = [];
vi.mock("next/cache", () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));

const { NO_TEAM, teamAction, teamRoute } = await import("@/lib/auth/guards");

async function teamWithMember() {
  const owner = await makeUser("Owner");
  const member = await makeUser("Member");
  await addMember(getDb(), owner.team.id, member.user.id, "member");
  return { owner, member, slug: owner.team.slug };
}

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

beforeEach(() => {
  signedIn.userId = null;
  revalidated.length = 0;
});

describe("teamAction", () => {
  const ran: string[] = [];
  const action = teamAction(
    {
      min: "admin",
      schema: z.object({ name: z.string().min(2, "Too short.") }),
      echo: ["name"],
      roleError: "Admins only.",
    },
    async (ctx, input): Promise<FormState> => {
      ran.push(`${ctx.team.slug}:${input.name}`);
      return { ok: true, message: "done" };
    },
  );
  beforeEach(() => void (ran.length = 0));

  it("refuses a member below the least role, with the step's own words, and runs nothing", async () => {
    const { member, slug } = await teamWithMember();
    signedIn.userId = member.user.id;
    expect(await action({}, form({ team: slug, name: "New name" }))).toEqual({ error: "Admins only." });
    expect(ran).toEqual([]);
    expect(revalidated).toEqual([]);
  });

  it("runs the step for a role at or above it, and refreshes the team's pages", async () => {
    const { owner, slug } = await teamWithMember();
    signedIn.userId = owner.user.id;
    expect(await action({}, form({ team: slug, name: "New name" }))).toEqual({ ok: true, message: "done" });
    expect(ran).toEqual([`${slug}:New name`]);
    expect(revalidated).toEqual([`/t/${slug}`]);
  });

  it("answers the same for another team, an unknown one and no session", async () => {
    const { slug } = await teamWithMember();
    const stranger = await makeUser("Stranger");
    for (const [who, team] of [
      [stranger.user.id, slug],
      [stranger.user.id, "no-such-team"],
      [null, slug],
    ] as const) {
      signedIn.userId = who;
      expect(await action({}, form({ team, name: "New name" }))).toEqual({ error: NO_TEAM });
    }
    expect(ran).toEqual([]);
  });

  it("turns bad input into field errors and echoes what was typed", async () => {
    const { owner, slug } = await teamWithMember();
    signedIn.userId = owner.user.id;
    expect(await action({}, form({ team: slug, name: "x" }))).toEqual({
      fieldErrors: { name: ["Too short."] },
      values: { name: "x" },
    });
    expect(ran).toEqual([]);
  });
});

describe("teamRoute", () => {
  const route = teamRoute<{ team: string }>("admin", async (_request, ctx) => Response.json({ team: ctx.team.id }));
  const call = (team: string) => route(new Request("http://studio.test/x"), { params: Promise.resolve({ team }) });

  it("gives members with the least role the handler, everyone else the same 404", async () => {
    const { owner, member, slug } = await teamWithMember();
    signedIn.userId = owner.user.id;
    const ok = await call(slug);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ team: owner.team.id });

    const refusals = [];
    signedIn.userId = member.user.id;
    refusals.push(await call(slug));
    signedIn.userId = (await makeUser("Stranger")).user.id;
    refusals.push(await call(slug), await call("no-such-team"));
    signedIn.userId = null;
    refusals.push(await call(slug));
    for (const r of refusals) {
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ error: "Not found" });
    }
  });
});
