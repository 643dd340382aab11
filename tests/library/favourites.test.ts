import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { favourites } from "@/db/library-schema";
import { listGalleryPage } from "@/db/queries/media-lists";
import { addMember } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { loadGallery } from "@/lib/media/gallery";
import { aMedia, makeUser } from "../helpers/factories";
import { formOf, world } from "../helpers/harness";

// Favourites (issue 12): each member's own, viewers included; bad input says why and changes
// nothing; trashed media cannot be starred and leave the favourites filter; the gallery shows the
// viewer's stars and filters and pages by them.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());

const { setFavouriteAction } = await import("@/app/(app)/t/[team]/library-actions");
const { deleteMediaAction } = await import("@/app/(app)/t/[team]/trash/actions");

const db = () => getDb();
const as = (userId: string) => {
  world.userId = userId;
};
const star = (team: string, ids: string[], on = "1") =>
  setFavouriteAction({}, formOf({ team, ids: ids.join(","), on }));
const starsOf = async (userId: string) =>
  (await db().select().from(favourites).where(eq(favourites.userId, userId))).map((f) => f.mediaId).sort();

beforeEach(() => {
  world.userId = null;
});

async function scene() {
  const alice = await makeUser("Alice");
  const vera = await makeUser("Vera");
  await addMember(db(), alice.team.id, vera.user.id, "viewer");
  const who = { teamId: alice.team.id, userId: alice.user.id };
  return { alice, vera, slug: alice.team.slug, who };
}

describe("starring", () => {
  it("each member has their own, a viewer too; unstarring and starring twice are fine", async () => {
    const { alice, vera, slug, who } = await scene();
    const [a, b] = [await aMedia(who), await aMedia(who)];
    as(vera.user.id);
    expect(await star(slug, [a, b])).toMatchObject({ ok: true, message: "2 videos added to your favourites." });
    expect(await star(slug, [a])).toMatchObject({ ok: true, message: "Already in your favourites." });
    expect(await starsOf(vera.user.id)).toEqual([a, b].sort());
    expect(await starsOf(alice.user.id)).toEqual([]);

    as(alice.user.id);
    await star(slug, [b]);
    as(vera.user.id);
    expect(await star(slug, [b], "0")).toMatchObject({ ok: true, message: "1 video removed from your favourites." });
    expect(await star(slug, [b], "0")).toMatchObject({ ok: false, error: "That video is not among your favourites." });
    expect(await starsOf(vera.user.id)).toEqual([a]);
    expect(await starsOf(alice.user.id)).toEqual([b]);
  });

  it("bad input says why and stars nothing; trashed videos cannot be starred", async () => {
    const { alice, slug, who } = await scene();
    const m = await aMedia(who);
    const t = await aMedia(who);
    as(alice.user.id);
    await deleteMediaAction({}, formOf({ team: slug, ids: t }));
    expect((await star(slug, [m], "maybe")).fieldErrors?.on).toEqual(["Choose Favourite or Unfavourite."]);
    expect((await star(slug, [])).fieldErrors?.ids).toEqual(["Choose at least one video."]);
    expect((await star(slug, ["x"])).fieldErrors?.ids?.[0]).toMatch(/Not a video of this team/);
    expect(await star(slug, [t])).toMatchObject({ ok: false, error: "That video doesn't exist or is in the Trash." });
    expect(await starsOf(alice.user.id)).toEqual([]);
  });
});

describe("the gallery", () => {
  it("shows the viewer's stars (not another member's) and filters and pages by them", async () => {
    const { alice, vera, slug, who } = await scene();
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push(await aMedia(who, `Clip ${i}`));
    as(vera.user.id);
    await star(slug, [ids[0]!, ids[2]!, ids[4]!, ids[6]!, ids[8]!]);
    as(alice.user.id);
    await star(slug, [ids[1]!]);
    // Trashed after starring: out of the favourites filter as it is out of the gallery.
    await deleteMediaAction({}, formOf({ team: slug, ids: ids[6]! }));

    const gallery = await loadGallery(db(), alice.team, vera.user.id, {});
    const starred = gallery.cards.filter((c) => c.favourite).map((c) => c.title);
    expect(starred).toEqual(["Clip 8", "Clip 4", "Clip 2", "Clip 0"]);

    const filtered = await loadGallery(db(), alice.team, vera.user.id, { favourites: "1" });
    expect(filtered.filtered).toBe(true);
    expect(filtered.cards.map((c) => c.title)).toEqual(["Clip 8", "Clip 4", "Clip 2", "Clip 0"]);
    expect(filtered.cards.every((c) => c.favourite)).toBe(true);

    const first = await listGalleryPage(db(), alice.team.id, { sort: "oldest", favouritesOf: vera.user.id }, null, 3);
    expect(first.rows.map((r) => r.title)).toEqual(["Clip 0", "Clip 2", "Clip 4"]);
    const second = await listGalleryPage(
      db(),
      alice.team.id,
      { sort: "oldest", favouritesOf: vera.user.id },
      first.next,
      3,
    );
    expect(second.rows.map((r) => r.title)).toEqual(["Clip 8"]);
    expect(second.next).toBeNull();
    // The next page's link keeps the filter.
    const paged = await loadGallery(db(), alice.team, vera.user.id, { favourites: "1", sort: "oldest" });
    expect(paged.firstHref).toBe(`/t/${slug}?favourites=1&sort=oldest`);
  });
});
