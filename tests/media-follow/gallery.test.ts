import { and, asc, desc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { media, mediaGenerations } from "@/db/media-schema";
import { type Cursor, type GalleryFilters, listGalleryPage } from "@/db/queries/media-lists";
import { getDb } from "@/lib/db";
import { decodeCursor, encodeCursor, gallerySearchSchema } from "@/lib/media/gallery";
import { STATUS_GROUPS } from "@/lib/media/status";
import { aMedia, makeUser } from "../helpers/factories";

// Keyset pagination of the gallery: every page follows from the last row of the one before,
// so walking it must give each media exactly once, in order, whatever the filter.

const db = () => getDb();
type Team = Awaited<ReturnType<typeof makeUser>>;
let alice: Team;
let bob: Team;
let other: Team;

/**
 * n media in one statement. Three share each microsecond and the steps are below a millisecond,
 * so a cursor that lost precision (a JS Date) or ignored the id would skip or repeat rows.
 */
async function seed(teamId: string, creators: string[], n: number, offset = 0) {
  await db().execute(sql`
    insert into media (team_id, created_by, title, motion_type, params, status, webhook_secret_hash, created_at)
    select ${teamId}::uuid,
           (array[${sql.join(
             creators.map((c) => sql`${c}`),
             sql`, `,
           )}])[1 + g % ${creators.length}],
           case when g % 10 = 0 then '100% sunset ' || g when g % 10 = 1 then 'snake_case ' || g else 'Clip ' || g end,
           (array['Parallax', 'KlingAI', 'Auto'])[1 + g % 3],
           '{}'::jsonb,
           ((array['queued', 'processing', 'success', 'success', 'fail'])[1 + g % 5])::media_status,
           md5(${teamId} || g::text),
           timestamptz '2025-01-01 00:00:00+00' + ((g + ${offset}) / 3) * interval '1 microsecond'
    from generate_series(1, ${n}) g`);
}

async function walk(teamId: string, filters: GalleryFilters, pageSize: number, window?: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: Cursor | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await listGalleryPage(db(), teamId, filters, cursor, pageSize, window);
    expect(page.rows.length).toBeLessThanOrEqual(pageSize);
    seen.push(...page.rows.map((r) => r.id));
    if (!page.next) return seen;
    // Through the URL, as the gallery page hands it on.
    cursor = decodeCursor(encodeCursor(page.next));
    expect(cursor).toEqual(page.next);
  }
  throw new Error("pagination never ended");
}

const expected = async (teamId: string, where = sql`true`, order: "newest" | "oldest" = "newest") =>
  (
    await db()
      .select({ id: media.id })
      .from(media)
      .where(and(eq(media.teamId, teamId), where))
      .orderBy(
        ...(order === "newest" ? [desc(media.createdAt), desc(media.id)] : [asc(media.createdAt), asc(media.id)]),
      )
  ).map((r) => r.id);

beforeEach(async () => {
  alice = await makeUser("Alice");
  bob = await makeUser("Bob");
  other = await makeUser("Mallory");
  await seed(alice.team.id, [alice.user.id, bob.user.id], 100);
  await seed(other.team.id, [other.user.id], 40, 1); // interleaved in time with Alice's team
});

describe("gallery keyset pagination", () => {
  it("walks every media exactly once, newest and oldest first, at any page size", async () => {
    const all = await expected(alice.team.id);
    expect(all).toHaveLength(100);
    for (const size of [7, 24, 100]) {
      expect(await walk(alice.team.id, { sort: "newest" }, size)).toEqual(all);
    }
    expect(await walk(alice.team.id, { sort: "oldest" }, 9)).toEqual(
      await expected(alice.team.id, sql`true`, "oldest"),
    );
  });

  it("filters by status group, motion type and creator without gaps", async () => {
    const cases: [GalleryFilters, ReturnType<typeof sql>][] = [
      [{ sort: "newest", statuses: STATUS_GROUPS.rendering }, sql`${media.status} in ('queued', 'processing')`],
      [{ sort: "newest", statuses: STATUS_GROUPS.ready }, sql`${media.status} = 'success'`],
      [{ sort: "newest", motionType: "KlingAI" }, sql`${media.motionType} = 'KlingAI'`],
      [
        { sort: "oldest", creator: bob.user.id, statuses: STATUS_GROUPS.failed },
        sql`${media.createdBy} = ${bob.user.id} and ${media.status} in ('fail', 'cancel')`,
      ],
    ];
    for (const [filters, where] of cases) {
      const want = await expected(alice.team.id, where, filters.sort);
      expect(want.length).toBeGreaterThan(0);
      expect(await walk(alice.team.id, filters, 6)).toEqual(want);
    }
  });

  it("bounds a filtered look: short pages continue past the stretch they looked at, missing nothing", async () => {
    const want = await expected(alice.team.id, sql`${media.status} in ('fail', 'cancel')`);
    expect(want).toHaveLength(20);
    // 100 media, a look of 9 at a time: most pages are short or empty, and yet all 20 come, once.
    expect(await walk(alice.team.id, { sort: "newest", statuses: STATUS_GROUPS.failed }, 4, 9)).toEqual(want);
    const first = await listGalleryPage(db(), alice.team.id, { sort: "newest", q: "no such title" }, null, 4, 9);
    expect(first).toMatchObject({ rows: [], partial: true });
    expect(first.next).not.toBeNull();
    expect(await walk(alice.team.id, { sort: "oldest", q: "100%" }, 3, 7)).toEqual(
      await expected(alice.team.id, sql`${media.title} like '100\\% sunset%'`, "oldest"),
    );
    // Unfiltered pages are never short.
    expect((await listGalleryPage(db(), alice.team.id, { sort: "newest" }, null, 30, 9)).rows).toHaveLength(30);
  });

  it("searches titles case-insensitively, taking % and _ literally", async () => {
    const percent = await walk(alice.team.id, { sort: "newest", q: "100%" }, 4);
    expect(percent).toEqual(await expected(alice.team.id, sql`${media.title} like '100\\% sunset%'`));
    expect(percent).toHaveLength(10);
    expect(await walk(alice.team.id, { sort: "newest", q: "SNAKE_" }, 4)).toHaveLength(10);
    expect(await walk(alice.team.id, { sort: "newest", q: "_" }, 50)).toHaveLength(10);
    expect(await walk(alice.team.id, { sort: "newest", q: "no such title" }, 4)).toEqual([]);
  });

  it("never shows another team's media, whatever the cursor", async () => {
    const mine = new Set(await expected(alice.team.id));
    const theirs = await expected(other.team.id);
    // A cursor taken from the other team's rows only positions the walk; it reveals nothing.
    const [row] = await db()
      .select({
        at: sql<string>`to_char(${media.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
        id: media.id,
      })
      .from(media)
      .where(eq(media.id, theirs[5]!));
    const page = await listGalleryPage(db(), alice.team.id, { sort: "newest" }, decodeCursor(encodeCursor(row!)), 50);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => mine.has(r.id))).toBe(true);
    expect(await walk(other.team.id, { sort: "newest" }, 8)).toEqual(theirs);
  });

  it("treats a cursor it did not make as the first page", () => {
    for (const bad of [
      "",
      "garbage",
      Buffer.from("2025-01-01|x").toString("base64url"),
      Buffer.from("x|y|z").toString("base64url"),
      "a".repeat(500),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
    const c = { at: "2025-01-01T00:00:00.000123", id: crypto.randomUUID() };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
});

describe("the review filter", () => {
  /** A media whose versions (1, 2, …) have these states and reviews. */
  async function withVersions(title: string, versions: { status: "success" | "fail"; review?: string }[]) {
    const id = await aMedia({ teamId: alice.team.id, userId: alice.user.id }, title);
    // The create made version 1; later ones are renders again.
    for (const [i, v] of versions.entries()) {
      const state = { status: v.status, review: (v.review ?? null) as "approved" | null };
      if (i === 0) await db().update(mediaGenerations).set(state).where(eq(mediaGenerations.mediaId, id));
      else
        await db()
          .insert(mediaGenerations)
          .values({ mediaId: id, teamId: alice.team.id, number: i + 1, kind: "process", params: {}, ...state });
    }
    return id;
  }
  const titles = async (review: GalleryFilters["review"]) =>
    (await listGalleryPage(db(), alice.team.id, { sort: "oldest", review }, null, 50)).rows.map((r) => r.title);

  it("finds videos by the review of the version they play, in this team only", async () => {
    await withVersions("Approved", [{ status: "success", review: "approved" }]);
    await withVersions("Asked for changes", [{ status: "success", review: "changes_requested" }]);
    await withVersions("Unreviewed", [{ status: "success" }]);
    // Approved once, then rendered again: the new version has no review yet.
    await withVersions("Approved, then redone", [{ status: "success", review: "approved" }, { status: "success" }]);
    // A later render failed: the version played is still the approved one.
    await withVersions("Approved, then a failed try", [
      { status: "success", review: "approved" },
      { status: "fail", review: "changes_requested" },
    ]);
    const theirs = await aMedia({ teamId: other.team.id, userId: other.user.id }, "Theirs");
    await db()
      .update(mediaGenerations)
      .set({ status: "success", review: "approved" })
      .where(eq(mediaGenerations.mediaId, theirs));
    expect(await titles("approved")).toEqual(["Approved", "Approved, then a failed try"]);
    expect(await titles("changes_requested")).toEqual(["Asked for changes"]);
    // From the URL: anything else is no filter at all.
    expect(gallerySearchSchema.parse({ review: "approved" }).review).toBe("approved");
    expect(gallerySearchSchema.parse({ review: "nonsense" }).review).toBeUndefined();
  });
});
