import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMediaOnce } from "@/db/queries/media";
import { addMember } from "@/db/queries/teams";
import { memberships } from "@/db/schema";
import { NO_TEAM } from "@/lib/auth/guards";
import { reserve, type Spend } from "@/lib/billing/ledger";
import { getDb } from "@/lib/db";
import { makeUser } from "../helpers/factories";
import { formOf, world } from "../helpers/harness";
import { html } from "../helpers/render";

// A member's monthly credit cap: set and cleared by an owner through the settings page's action,
// scoped to the team, and then enforced by reserve().

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());

const { setMemberCapAction } = await import("@/app/(app)/t/[team]/settings/cap-actions");
const SettingsPage = (await import("@/app/(app)/t/[team]/settings/page")).default;

const db = () => getDb();
const OWNERS_ONLY = "Only owners can set members' monthly caps.";

beforeEach(() => {
  world.userId = null;
});

const setCap = (slug: string, userId: string, cap: string) =>
  setMemberCapAction({}, formOf({ team: slug, userId, cap }));

const capOf = async (teamId: string, userId: string) =>
  (
    await db()
      .select({ cap: memberships.monthlyCreditCap })
      .from(memberships)
      .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
  )[0]?.cap;

/** Alice owns the team; Bob is a member in it. */
async function scene() {
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  await addMember(db(), alice.team.id, bob.user.id, "member");
  return { alice, bob, slug: alice.team.slug, teamId: alice.team.id };
}

async function spend(teamId: string, userId: string, credits: number): Promise<Spend> {
  const { media } = await createMediaOnce(db(), {
    teamId,
    createdBy: userId,
    title: "t",
    description: "",
    visibility: "0",
    motionType: "Parallax",
    params: {},
    inputs: [],
    webhookSecretHash: randomUUID(),
    idempotencyKey: randomUUID(),
  });
  return { teamId, userId, mediaId: media.id, generation: 1, kind: "create", motionType: "Parallax", credits };
}

describe("a member's monthly cap", () => {
  it("an owner sets and clears it, and sees it with this month's spend", async () => {
    const { alice, bob, slug, teamId } = await scene();
    world.userId = alice.user.id;
    expect(await setCap(slug, bob.user.id, " 25 ")).toEqual({ ok: true, message: "Capped at 25 credits a month." });
    expect(await capOf(teamId, bob.user.id)).toBe(25);
    expect(await reserve(db(), await spend(teamId, bob.user.id, 7))).toMatchObject({ ok: true });

    const page = await html(SettingsPage({ params: Promise.resolve({ team: slug }) }));
    expect(page).toContain("7 credits this month · cap 25 credits");
    expect(page).toContain("0 credits this month · No cap");

    expect(await setCap(slug, bob.user.id, "0")).toEqual({ ok: true, message: "Capped at 0 credits a month." });
    expect(await capOf(teamId, bob.user.id)).toBe(0);
    expect(await setCap(slug, bob.user.id, "")).toEqual({ ok: true, message: "No cap." });
    expect(await capOf(teamId, bob.user.id)).toBeNull();
    // Owners may cap themselves too.
    expect(await setCap(slug, alice.user.id, "1")).toMatchObject({ ok: true });
    expect(await capOf(teamId, alice.user.id)).toBe(1);
  });

  it("refuses anything but whole credits as a field error, and changes nothing", async () => {
    const { alice, bob, slug, teamId } = await scene();
    world.userId = alice.user.id;
    await setCap(slug, bob.user.id, "10");
    for (const bad of ["-1", "2.5", "ten", "1e3", "10000000000"]) {
      const r = await setCap(slug, bob.user.id, bad);
      expect(r.fieldErrors?.cap, bad).toHaveLength(1);
      expect(r.values).toEqual({ cap: bad });
      expect(r.ok).toBeUndefined();
    }
    expect(await capOf(teamId, bob.user.id)).toBe(10);
  });

  it("admins, members and viewers cannot set it; they do not see the control", async () => {
    const { bob, slug, teamId } = await scene();
    for (const role of ["admin", "member", "viewer"] as const) {
      const who = role === "member" ? bob : await makeUser(role);
      if (role !== "member") await addMember(db(), teamId, who.user.id, role);
      world.userId = who.user.id;
      expect(await setCap(slug, bob.user.id, "1")).toEqual({ error: OWNERS_ONLY });
      expect(await setCap(slug, who.user.id, "1000")).toEqual({ error: OWNERS_ONLY });
      const page = await html(SettingsPage({ params: Promise.resolve({ team: slug }) }));
      expect(page).not.toContain('data-testid="member-cap"');
    }
    expect(await capOf(teamId, bob.user.id)).toBeNull();
  });

  it("another team's member is not found, and another team's owner gets the stranger's answer", async () => {
    const { alice, slug, teamId } = await scene();
    const other = await makeUser("Oscar");
    world.userId = alice.user.id;
    expect(await setCap(slug, other.user.id, "5")).toMatchObject({
      error: "That person is not a member of this team.",
    });
    expect(await capOf(other.team.id, other.user.id)).toBeNull();
    // Oscar owns his own team, not Alice's.
    world.userId = other.user.id;
    expect(await setCap(slug, alice.user.id, "5")).toEqual({ error: NO_TEAM });
    expect(await capOf(teamId, alice.user.id)).toBeNull();
  });

  it("after a cap of N, reserve() refuses beyond it with the member's message; the others are unaffected", async () => {
    const { alice, bob, slug, teamId } = await scene();
    world.userId = alice.user.id;
    await setCap(slug, bob.user.id, "10");
    expect(await reserve(db(), await spend(teamId, bob.user.id, 6))).toMatchObject({ ok: true });
    const over = await reserve(db(), await spend(teamId, bob.user.id, 5));
    expect(over).toMatchObject({ ok: false, reason: "member_cap" });
    expect(over.ok ? "" : over.message).toMatch(
      /^You have 4 credits left of your monthly allowance this month \(resets .+\)\. This video needs ≈ 5\.$/,
    );
    expect(await reserve(db(), await spend(teamId, bob.user.id, 4))).toMatchObject({ ok: true });
    expect(await reserve(db(), await spend(teamId, alice.user.id, 50))).toMatchObject({ ok: true });

    await setCap(slug, bob.user.id, "");
    expect(await reserve(db(), await spend(teamId, bob.user.id, 5))).toMatchObject({ ok: true });
  });
});
