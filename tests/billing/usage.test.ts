import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { creditLedger, media } from "@/db/media-schema";
import { addMember } from "@/db/queries/teams";
import { teams } from "@/db/schema";
import { csvCell, loadUsage, usageCsv, usageCsvName } from "@/lib/billing/usage";
import { getDb } from "@/lib/db";
import { makeUser } from "../helpers/factories";
import { APP_URL, world } from "../helpers/harness";

// The usage page and its CSV: this month's ledger summed by member, motion type and day, refunds
// listed but never counted, another team's entries never seen; owners and admins only.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());

const UsagePage = (await import("@/app/(app)/t/[team]/usage/page")).default;
const csvRoute = await import("@/app/api/t/[team]/usage.csv/route");

const db = () => getDb();

beforeEach(() => {
  world.userId = null;
});

const html = async (page: Promise<ReactNode>) => renderToStaticMarkup(createElement("div", null, await page));
const page = (slug: string) => html(UsagePage({ params: Promise.resolve({ team: slug }) }));
const csv = (slug: string) =>
  csvRoute.GET(new Request(`${APP_URL}/api/t/${slug}/usage.csv`), { params: Promise.resolve({ team: slug }) });

async function video(teamId: string, userId: string | null, title = "A video", motionType = "Parallax") {
  const [row] = await db()
    .insert(media)
    .values({ teamId, createdBy: userId, title, motionType, params: {}, webhookSecretHash: randomUUID() })
    .returning({ id: media.id });
  return row!.id;
}

type Entry = {
  teamId: string;
  userId: string | null;
  mediaId: string;
  credits: number;
  state?: "reserved" | "settled" | "refunded";
  motionType?: string;
  at: Date;
  kind?: "create" | "resubmit" | "process";
};

async function entry(e: Entry) {
  await db()
    .insert(creditLedger)
    .values({
      teamId: e.teamId,
      userId: e.userId,
      mediaId: e.mediaId,
      key: `${e.mediaId}:${randomUUID()}`,
      kind: e.kind ?? "create",
      motionType: e.motionType ?? "Parallax",
      credits: e.credits,
      state: e.state ?? "settled",
      createdAt: e.at,
    });
}

/** Alice owns the team, Bob is a member of it; Olga has a team of her own that spends too. */
async function scene() {
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const olga = await makeUser("Olga");
  await addMember(db(), alice.team.id, bob.user.id, "member");
  return { alice, bob, olga };
}

describe("this month's usage", () => {
  it("sums by member, motion type and day exactly, refunds and other months and teams left out", async () => {
    const { alice, bob, olga } = await scene();
    const t = alice.team.id;
    await db().update(teams).set({ monthlyCreditBudget: 100 }).where(eq(teams.id, t));
    const a = await video(t, alice.user.id, "Sunrise");
    const b = await video(t, bob.user.id, "Waves", "Veo");
    await entry({ teamId: t, userId: alice.user.id, mediaId: a, credits: 5, at: new Date("2026-12-01T00:00:00Z") });
    await entry({
      teamId: t,
      userId: alice.user.id,
      mediaId: a,
      credits: 16,
      motionType: "Veo",
      at: new Date("2026-12-01T23:59:59Z"),
    });
    await entry({
      teamId: t,
      userId: bob.user.id,
      mediaId: b,
      credits: 3,
      state: "reserved",
      at: new Date("2026-12-03T12:00:00Z"),
    });
    await entry({
      teamId: t,
      userId: bob.user.id,
      mediaId: b,
      credits: 40,
      state: "refunded",
      motionType: "Veo",
      at: new Date("2026-12-03T13:00:00Z"),
    });
    // Other months.
    await entry({ teamId: t, userId: alice.user.id, mediaId: a, credits: 7, at: new Date("2026-11-30T23:59:59Z") });
    await entry({ teamId: t, userId: alice.user.id, mediaId: a, credits: 9, at: new Date("2027-01-01T00:00:00Z") });
    // Another team, same month.
    const o = await video(olga.team.id, olga.user.id, "Not yours");
    await entry({
      teamId: olga.team.id,
      userId: olga.user.id,
      mediaId: o,
      credits: 100,
      at: new Date("2026-12-02T10:00:00Z"),
    });

    const u = await loadUsage(db(), { id: t, monthlyCreditBudget: 100 }, new Date("2026-12-15T08:00:00Z"));
    expect(u).toMatchObject({
      month: "December 2026",
      monthKey: "2026-12",
      spent: 21,
      reserved: 3,
      budget: 100,
      left: 76,
    });
    expect(u.resetsAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(u.byMember.map((m) => [m.key, m.credits, m.reserved, m.renders])).toEqual([
      [alice.user.id, 21, 0, 2],
      [bob.user.id, 0, 3, 1],
    ]);
    expect(u.byMotion.map((m) => [m.key, m.credits, m.reserved, m.renders])).toEqual([
      ["Veo", 16, 0, 1],
      ["Parallax", 5, 3, 2],
    ]);
    expect(u.days).toHaveLength(31);
    expect(u.days.filter((d) => d.settled || d.reserved)).toEqual([
      { date: "2026-12-01", day: 1, settled: 21, reserved: 0 },
      { date: "2026-12-03", day: 3, settled: 0, reserved: 3 },
    ]);
    // Listed: all four of this month's, the refund too, newest first; never Olga's.
    expect(u.entries.map((e) => [e.credits, e.state, e.title])).toEqual([
      [40, "refunded", "Waves"],
      [3, "reserved", "Waves"],
      [16, "settled", "Sunrise"],
      [5, "settled", "Sunrise"],
    ]);
    expect(u.totalEntries).toBe(4);

    const other = await loadUsage(
      db(),
      { id: olga.team.id, monthlyCreditBudget: null },
      new Date("2026-12-15T08:00:00Z"),
    );
    expect(other).toMatchObject({ spent: 100, reserved: 0, budget: null, left: null, totalEntries: 1 });
    expect(other.entries.map((e) => e.title)).toEqual(["Not yours"]);
  });

  it("the page shows the month to the owner, with the chart's figures, each video and the CSV link", async () => {
    const { alice, bob } = await scene();
    const a = await video(alice.team.id, bob.user.id, "Harbour at dusk");
    await entry({ teamId: alice.team.id, userId: bob.user.id, mediaId: a, credits: 12, at: new Date() });
    world.userId = alice.user.id;
    const out = await page(alice.team.slug);
    expect(out).toContain("Usage");
    expect(out).toContain("No limit");
    expect(out).toMatch(/data-testid="usage-spent"[^>]*>12</);
    expect(out).toContain('<title id="usage-chart-title">Credits per day');
    expect(out).toContain(`href="/t/${alice.team.slug}/media/${a}"`);
    expect(out).toContain("Harbour at dusk");
    expect(out).toContain(`href="/api/t/${alice.team.slug}/usage.csv"`);
    expect(out).not.toContain("No credits spent this month");
  });

  it("an empty month says so", async () => {
    const { alice } = await scene();
    world.userId = alice.user.id;
    const out = await page(alice.team.slug);
    expect(out).toContain("No credits spent this month");
    expect(out).not.toContain("usage-chart-title");
  });

  it("only owners and admins: a member, a viewer and a stranger get the page's 404 and the CSV's", async () => {
    const { alice, bob, olga } = await scene();
    const vera = await makeUser("Vera");
    const adam = await makeUser("Adam");
    await addMember(db(), alice.team.id, vera.user.id, "viewer");
    await addMember(db(), alice.team.id, adam.user.id, "admin");
    const a = await video(alice.team.id, alice.user.id, "Secret plans");
    await entry({ teamId: alice.team.id, userId: alice.user.id, mediaId: a, credits: 4, at: new Date() });
    const slug = alice.team.slug;

    for (const who of [bob, vera, olga]) {
      world.userId = who.user.id;
      await expect(page(slug)).rejects.toThrow("NOT_FOUND");
      const res = await csv(slug);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Secret plans");
    }

    world.userId = adam.user.id;
    expect(await page(slug)).toContain("Secret plans");
    const res = await csv(slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const month = new Date().toISOString().slice(0, 7);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="usage-${slug}-${month}.csv"`);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("date,media_id,title,motion_type,member_email,kind,credits,state");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${a},Secret plans,Parallax,${alice.user.email},create,4,settled`);
  });
});

describe("the CSV", () => {
  it("quotes commas, quotes and line breaks, and neutralises formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+33 1")).toBe("'+33 1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
    expect(usageCsvName("my-team", new Date("2026-12-31T23:59:59Z"))).toBe("usage-my-team-2026-12.csv");
  });

  it("one row per entry, refunds included, titles quoted as needed", () => {
    const body = usageCsv([
      {
        id: "1",
        createdAt: new Date("2026-12-02T10:00:00Z"),
        mediaId: "m1",
        title: 'Cats, "dogs"\nand =rain',
        motionType: "Veo",
        kind: "resubmit",
        credits: 8,
        state: "refunded",
        userId: "u",
        name: "U",
        email: "u@example.com",
      },
      {
        id: "2",
        createdAt: new Date("2026-12-01T10:00:00Z"),
        mediaId: null,
        title: null,
        motionType: "Parallax",
        kind: "create",
        credits: 2,
        state: "settled",
        userId: null,
        name: null,
        email: null,
      },
    ]);
    expect(body).toBe(
      "date,media_id,title,motion_type,member_email,kind,credits,state\r\n" +
        '2026-12-02T10:00:00.000Z,m1,"Cats, ""dogs""\nand =rain",Veo,u@example.com,resubmit,8,refunded\r\n' +
        "2026-12-01T10:00:00.000Z,,,Parallax,,create,2,settled\r\n",
    );
  });
});

describe("the main navigation", () => {
  it("offers Usage only when told the viewer may see it (owners and admins)", async () => {
    const { MainNav } = await import("@/components/app-shell/main-nav");
    const nav = (canSeeUsage: boolean) =>
      renderToStaticMarkup(createElement(MainNav, { slug: "acme", canCreate: true, canSeeUsage }));
    expect(nav(true)).toContain('href="/t/acme/usage"');
    expect(nav(false)).not.toContain("/usage");
  });
});
