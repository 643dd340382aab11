import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { creditLedger, type MediaStatus, media } from "@/db/media-schema";
import { addMember } from "@/db/queries/teams";
import { teams } from "@/db/schema";
import { isOperator } from "@/lib/admin/operators";
import { adminSearchSchema, NOT_FOUND } from "@/lib/admin/schemas";
import { loadAdminTeams } from "@/lib/admin/teams";
import { monthSummary } from "@/lib/billing/budget";
import { reserve } from "@/lib/billing/ledger";
import { monthStart } from "@/lib/billing/month";
import { getDb } from "@/lib/db";
import { makeUser } from "../helpers/factories";
import { formOf, Redirected, world } from "../helpers/harness";
import { html } from "../helpers/render";

// Issue 11, the operators' /admin: every team with its people, this month's spend against its
// budget and its renders; suspend, resume and budgets through the real actions. Anyone who is not
// an operator (ADMIN_EMAILS, case-insensitive; unset: nobody) meets a page that does not exist.

const settings = vi.hoisted(() => ({ extra: {} as Record<string, string | undefined> }));
vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => real.parseEnv({ ...process.env, ...settings.extra }) };
});
vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
// The layout's account menu signs out through Auth.js, which needs Next's module resolution.
vi.mock("@/components/app-shell/user-menu", () => ({ UserMenu: () => null }));

const AdminPage = (await import("@/app/(admin)/admin/page")).default;
const AdminLayout = (await import("@/app/(admin)/layout")).default;
const actions = await import("@/app/(admin)/admin/actions");

const db = () => getDb();
/** What the page says, as a reader sees it (tags and React's text markers gone). */
const text = (markup: string) =>
  markup
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
const page = async (query: Record<string, string> = {}) =>
  text(await html(AdminPage({ searchParams: Promise.resolve(query) })));
const view = (q = "", p = 1) => loadAdminTeams(db(), { q, page: p });
const teamRow = async (id: string) => (await db().select().from(teams).where(eq(teams.id, id)))[0]!;

let operator: Awaited<ReturnType<typeof makeUser>>;

beforeEach(async () => {
  operator = await makeUser("Oscar");
  // Upper-cased on purpose: addresses match whatever their case.
  settings.extra = {
    ADMIN_EMAILS: ` ${operator.user.email!.toUpperCase()}, other@example.org`,
    TEAM_MONTHLY_CREDITS: "1000",
  };
  world.userId = null;
});

async function video(teamId: string, userId: string, status: MediaStatus = "success") {
  const [row] = await db()
    .insert(media)
    .values({ teamId, createdBy: userId, motionType: "Parallax", params: {}, status, webhookSecretHash: randomUUID() })
    .returning({ id: media.id });
  return row!.id;
}

async function entry(teamId: string, mediaId: string, credits: number, state: string, at = new Date()) {
  await db()
    .insert(creditLedger)
    .values({
      teamId,
      mediaId,
      key: `${mediaId}:${randomUUID()}`,
      kind: "create",
      motionType: "Parallax",
      credits,
      state: state as "settled",
      createdAt: at,
    });
}

const spend = (teamId: string, userId: string, mediaId: string, credits = 1) => ({
  teamId,
  userId,
  mediaId,
  generation: 1,
  kind: "create" as const,
  motionType: "Parallax",
  credits,
});

describe("the operator's view of every team", () => {
  it("lists each team's people, this month's spend, its budget in force and its renders", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    const carol = await makeUser("Carol");
    const dave = await makeUser("Dave");
    await addMember(db(), alice.team.id, bob.user.id, "member");
    await addMember(db(), alice.team.id, carol.user.id, "viewer");
    await addMember(db(), alice.team.id, dave.user.id, "owner");
    await db().update(teams).set({ monthlyCreditBudget: 300 }).where(eq(teams.id, alice.team.id));
    await db().update(teams).set({ suspendedAt: new Date() }).where(eq(teams.id, dave.team.id));

    const a = alice.team.id;
    const done = await video(a, alice.user.id);
    await entry(a, done, 20, "settled");
    await entry(a, done, 5, "reserved");
    await entry(a, done, 40, "refunded");
    await entry(a, done, 7, "settled", new Date(monthStart(new Date()).getTime() - 1000)); // last month
    for (const s of ["queued", "processing", "checking", "waiting", "waiting", "fail", "not_submitted"] as const)
      await video(a, bob.user.id, s);
    // Another team's spend and renders stay its own.
    await entry(dave.team.id, await video(dave.team.id, dave.user.id, "processing"), 9, "settled");

    const v = await view();
    expect(v.total).toBe(5);
    expect(v.defaultBudget).toBe(1000);
    const row = v.teams.find((t) => t.id === a)!;
    expect(row).toMatchObject({
      name: "Alice's team",
      slug: alice.team.slug,
      memberCount: 4,
      spent: 20,
      reserved: 5,
      budget: 300,
      ownBudget: 300,
      active: 3,
      waiting: 2,
      suspendedAt: null,
    });
    expect(row.owners.map((o) => o.email).sort()).toEqual([alice.user.email, dave.user.email].sort());
    expect(row.members).toHaveLength(3);
    expect(row.members.slice(0, 2).every((m) => m.role === "owner")).toBe(true);
    const d = v.teams.find((t) => t.id === dave.team.id)!;
    expect(d).toMatchObject({ memberCount: 1, spent: 9, reserved: 0, budget: 1000, ownBudget: null, active: 1 });
    expect(d.suspendedAt).toBeInstanceOf(Date);
    expect(v.teams.find((t) => t.id === carol.team.id)).toMatchObject({ spent: 0, active: 0, waiting: 0 });

    world.userId = operator.user.id;
    const shown = await page();
    expect(shown).toContain("Alice's team");
    expect(shown).toContain(`Alice · ${alice.user.email}`);
    expect(shown).toContain("4 members · also Bob and 1 more");
    expect(shown).toContain("25 / 300 5 held · own budget");
    expect(shown).toContain("3 active 2 waiting");
    expect(shown).toContain("Default budget: 1,000 credits a month");
    expect(shown.match(/ Suspended /g)).toHaveLength(1);
    expect(shown).toContain("5 teams");
  });

  it("without TEAM_MONTHLY_CREDITS a team with no budget of its own is unlimited", async () => {
    settings.extra.TEAM_MONTHLY_CREDITS = undefined;
    world.userId = operator.user.id;
    expect((await view()).teams[0]).toMatchObject({ budget: null, ownBudget: null });
    const shown = await page();
    expect(shown).toContain("Default budget: unlimited");
    expect(shown).toContain("0 / no limit");
  });

  it("pages 50 teams at a time and searches names and slugs, wildcards as plain text", async () => {
    const rows = Array.from({ length: 55 }, (_, i) => ({
      name: `Batch ${String(i + 1).padStart(3, "0")}`,
      slug: `zz-batch-${i + 1}`,
    }));
    await db()
      .insert(teams)
      .values([...rows, { name: "100% real", slug: "percent" }]);

    const first = await view("zz-batch");
    expect(first.total).toBe(55);
    expect(first.teams).toHaveLength(50);
    expect(first.teams[0]!.name).toBe("Batch 001");
    expect(first.nextHref).toBe("/admin?q=zz-batch&page=2");
    expect(first.prevHref).toBeNull();
    const second = await view("zz-batch", 2);
    expect(second.teams.map((t) => t.name)).toEqual(["Batch 051", "Batch 052", "Batch 053", "Batch 054", "Batch 055"]);
    expect(second).toMatchObject({ nextHref: null, prevHref: "/admin?q=zz-batch", pages: 2 });

    expect((await view("BATCH 017")).teams.map((t) => t.slug)).toEqual(["zz-batch-17"]);
    expect((await view("%")).teams.map((t) => t.name)).toEqual(["100% real"]);
    expect((await view("_")).teams).toEqual([]);
    expect((await view()).total).toBe(57);

    // The URL is read leniently: junk is the first page, an array its first value.
    expect(adminSearchSchema.parse({ page: "x", q: ["zz", "y"] })).toEqual({ q: "zz", page: 1 });
    world.userId = operator.user.id;
    const shown = await page({ q: "zz-batch", page: "2" });
    expect(shown).toContain("Batch 055");
    expect(shown).not.toContain("Batch 050");
    expect(shown).toContain("page 2 of 2");
  });
});

describe("who reaches /admin", () => {
  it("a team owner who is not an operator gets the 404, and the actions change nothing", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    await expect(page()).rejects.toThrow("NOT_FOUND");
    await expect(AdminLayout({ children: null })).rejects.toThrow("NOT_FOUND");

    const before = await teamRow(alice.team.id);
    const answers = [
      await actions.suspendTeamAction({}, formOf({ teamId: alice.team.id })),
      await actions.setBudgetAction({}, formOf({ teamId: alice.team.id, budget: "5" })),
      await actions.setBudgetAction({}, formOf({ teamId: alice.team.id, budget: "nonsense" })),
    ];
    await db().update(teams).set({ suspendedAt: new Date() }).where(eq(teams.id, alice.team.id));
    answers.push(await actions.resumeTeamAction({}, formOf({ teamId: alice.team.id })));
    // The same answer as an operator gets for a team that does not exist: no hint /admin is real.
    for (const a of answers) expect(a).toEqual({ error: NOT_FOUND });
    const after = await teamRow(alice.team.id);
    expect(after.monthlyCreditBudget).toBe(before.monthlyCreditBudget);
    expect(after.suspendedAt).not.toBeNull();

    world.userId = operator.user.id;
    expect(await actions.suspendTeamAction({}, formOf({ teamId: randomUUID() }))).toEqual({ error: NOT_FOUND });
    expect(await actions.suspendTeamAction({}, formOf({ teamId: "not-a-team" }))).toEqual({ error: NOT_FOUND });
  });

  it("signed out, the page sends to sign-in and the actions answer as for an unknown team", async () => {
    const alice = await makeUser("Alice");
    await expect(page()).rejects.toThrow(new Redirected("/sign-in?callbackUrl=%2Fadmin"));
    expect(await actions.suspendTeamAction({}, formOf({ teamId: alice.team.id }))).toEqual({ error: NOT_FOUND });
    expect((await teamRow(alice.team.id)).suspendedAt).toBeNull();
  });

  it("with ADMIN_EMAILS unset nobody is an operator", async () => {
    settings.extra.ADMIN_EMAILS = undefined;
    world.userId = operator.user.id;
    await expect(page()).rejects.toThrow("NOT_FOUND");
    expect(await actions.suspendTeamAction({}, formOf({ teamId: operator.team.id }))).toEqual({ error: NOT_FOUND });
    expect((await teamRow(operator.team.id)).suspendedAt).toBeNull();
    expect(isOperator(operator.user.email)).toBe(false);
  });

  it("matches addresses whatever their case, and only whole addresses", async () => {
    world.userId = operator.user.id;
    expect(await page()).toContain("Oscar's team");
    expect(isOperator("Ops@Example.COM", ["ops@example.com"])).toBe(true);
    expect(isOperator(" ops@example.com ", ["ops@example.com"])).toBe(true);
    expect(isOperator("ops@example.com.evil.org", ["ops@example.com"])).toBe(false);
    expect(isOperator("ops@example.co", ["ops@example.com"])).toBe(false);
    expect(isOperator(null, ["ops@example.com"])).toBe(false);
    expect(isOperator("ops@example.com", undefined)).toBe(false);
  });
});

describe("suspending and budgets", () => {
  it("a suspended team cannot reserve credits; resumed, it can again", async () => {
    const alice = await makeUser("Alice");
    const m = await video(alice.team.id, alice.user.id, "not_submitted");
    world.userId = operator.user.id;

    expect(await actions.suspendTeamAction({}, formOf({ teamId: alice.team.id }))).toEqual({
      ok: true,
      message: "Team suspended.",
    });
    const since = (await teamRow(alice.team.id)).suspendedAt;
    expect(since).toBeInstanceOf(Date);
    expect(await reserve(db(), spend(alice.team.id, alice.user.id, m))).toMatchObject({
      ok: false,
      reason: "suspended",
    });
    // What the Create page and the paid dialogs read: suspended, before anything is sent.
    expect((await monthSummary(db(), alice.team.id, alice.user.id)).suspended).toBe(true);
    expect(await db().select().from(creditLedger)).toEqual([]);
    // Suspending again keeps the first time.
    await actions.suspendTeamAction({}, formOf({ teamId: alice.team.id }));
    expect((await teamRow(alice.team.id)).suspendedAt).toEqual(since);
    expect(await page()).toContain(" Suspended ");

    expect(await actions.resumeTeamAction({}, formOf({ teamId: alice.team.id }))).toEqual({
      ok: true,
      message: "Team resumed.",
    });
    expect((await teamRow(alice.team.id)).suspendedAt).toBeNull();
    expect(await reserve(db(), spend(alice.team.id, alice.user.id, m))).toMatchObject({ ok: true, created: true });
    expect(await page()).not.toContain(" Suspended ");
  });

  it("sets a team's own budget in whole credits, blank for the default; anything else changes nothing", async () => {
    const alice = await makeUser("Alice");
    const set = (budget: string) => actions.setBudgetAction({}, formOf({ teamId: alice.team.id, budget }));
    world.userId = operator.user.id;

    expect(await set("250")).toEqual({ ok: true, message: "Budget saved." });
    expect((await teamRow(alice.team.id)).monthlyCreditBudget).toBe(250);
    expect((await view()).teams.find((t) => t.id === alice.team.id)).toMatchObject({ budget: 250, ownBudget: 250 });

    for (const bad of ["-5", "1.5", "abc", "1e3", "12 credits", "99999999999"]) {
      const r = await set(bad);
      expect(r.ok, bad).toBeUndefined();
      expect(r.fieldErrors?.budget?.[0], bad).toMatch(/whole credits|At most/);
      expect(r.values).toEqual({ budget: bad });
      expect((await teamRow(alice.team.id)).monthlyCreditBudget, bad).toBe(250);
    }

    // 0 is a budget: nothing may be spent.
    expect(await set("0")).toMatchObject({ ok: true });
    const m = await video(alice.team.id, alice.user.id, "not_submitted");
    expect(await reserve(db(), spend(alice.team.id, alice.user.id, m))).toMatchObject({
      ok: false,
      reason: "team_budget",
    });

    expect(await set("  ")).toMatchObject({ ok: true });
    expect((await teamRow(alice.team.id)).monthlyCreditBudget).toBeNull();
    expect((await view()).teams.find((t) => t.id === alice.team.id)).toMatchObject({ budget: 1000, ownBudget: null });
    expect(await reserve(db(), spend(alice.team.id, alice.user.id, m))).toMatchObject({ ok: true });
  });
});
