import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { collectionMedia, collections } from "@/db/library-schema";
import { media } from "@/db/media-schema";
import { listGalleryPage } from "@/db/queries/media-lists";
import { addMember } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { loadCollections } from "@/lib/library/collections";
import { aMedia, makeUser } from "../helpers/factories";
import { formOf, world } from "../helpers/harness";

// Collections (issue 12): who may create, rename, delete and fill them; bad input says why and
// changes nothing; trashed media are out of the listings; the gallery's filter pages through one.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());

const actions = await import("@/app/(app)/t/[team]/library-actions");
const { deleteMediaAction } = await import("@/app/(app)/t/[team]/trash/actions");

const db = () => getDb();
const as = (userId: string) => {
  world.userId = userId;
};
const run = <R>(action: (prev: R, fd: FormData) => Promise<R>, fields: Record<string, string>) =>
  action({} as R, formOf(fields));
const create = (team: string, name: string) => run(actions.createCollectionAction, { team, name });
const rename = (team: string, collectionId: string, name: string) =>
  run(actions.renameCollectionAction, { team, collectionId, name });
const remove = (team: string, collectionId: string) => run(actions.deleteCollectionAction, { team, collectionId });
const add = (team: string, collectionId: string, ...ids: string[]) =>
  run(actions.addToCollectionAction, { team, collectionId, ids: ids.join(",") });
const takeOut = (team: string, collectionId: string, ...ids: string[]) =>
  run(actions.removeFromCollectionAction, { team, collectionId, ids: ids.join(",") });

const members = async (collectionId: string) =>
  (await db().select().from(collectionMedia).where(eq(collectionMedia.collectionId, collectionId)))
    .map((r) => r.mediaId)
    .sort();
const allCollections = () => db().select().from(collections);

/** Alice owns the team; Bob is a member, Adam an admin, Vera a viewer. */
async function scene() {
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const adam = await makeUser("Adam");
  const vera = await makeUser("Vera");
  await addMember(db(), alice.team.id, bob.user.id, "member");
  await addMember(db(), alice.team.id, adam.user.id, "admin");
  await addMember(db(), alice.team.id, vera.user.id, "viewer");
  return { alice, bob, adam, vera, slug: alice.team.slug, teamId: alice.team.id };
}

beforeEach(() => {
  world.userId = null;
});

describe("creating and renaming", () => {
  it("members create; names are trimmed and unique per team whatever their case", async () => {
    const { bob, slug } = await scene();
    as(bob.user.id);
    const made = await create(slug, "  Spring campaign  ");
    expect(made).toMatchObject({ ok: true, collection: { name: "Spring campaign" } });
    expect(await create(slug, "SPRING CAMPAIGN")).toMatchObject({
      ok: false,
      fieldErrors: { name: ["This team already has a collection of that name."] },
    });
    expect((await allCollections()).map((c) => c.name)).toEqual(["Spring campaign"]);
  });

  it("bad input gets a clear message and creates nothing", async () => {
    const { bob, slug } = await scene();
    as(bob.user.id);
    expect((await create(slug, "   ")).fieldErrors?.name).toEqual(["Name the collection."]);
    expect((await create(slug, "x".repeat(81))).fieldErrors?.name?.[0]).toMatch(/at most 80 characters/);
    expect(await allCollections()).toHaveLength(0);
  });

  it("rename: to a free name; a taken one, a blank one or an unknown id change nothing", async () => {
    const { bob, alice, slug } = await scene();
    as(bob.user.id);
    const a = (await create(slug, "Alpha")).collection!.id;
    await create(slug, "Beta");
    as(alice.user.id);
    expect(await rename(slug, a, "Gamma")).toMatchObject({ ok: true });
    expect((await rename(slug, a, "beta")).fieldErrors?.name).toEqual([
      "This team already has a collection of that name.",
    ]);
    expect((await rename(slug, a, "")).fieldErrors?.name).toEqual(["Name the collection."]);
    expect((await rename(slug, "not-an-id", "Delta")).fieldErrors?.collectionId).toEqual([
      "That collection doesn't exist.",
    ]);
    expect((await rename(slug, crypto.randomUUID(), "Delta")).error).toBe("That collection doesn't exist.");
    expect((await allCollections()).map((c) => c.name).sort()).toEqual(["Beta", "Gamma"]);
  });

  it("a viewer sees collections but creates, renames, fills and deletes nothing", async () => {
    const { bob, vera, slug, teamId } = await scene();
    as(bob.user.id);
    const c = (await create(slug, "Client X")).collection!.id;
    const m = await aMedia({ teamId, userId: bob.user.id });
    as(vera.user.id);
    for (const out of [
      await create(slug, "Mine"),
      await rename(slug, c, "Renamed"),
      await add(slug, c, m),
      await takeOut(slug, c, m),
      await remove(slug, c),
    ])
      expect(out.error).toMatch(/Viewers can watch, download and favourite/);
    expect((await allCollections()).map((x) => x.name)).toEqual(["Client X"]);
    expect(await members(c)).toEqual([]);
  });
});

describe("deleting", () => {
  it("its creator, admins and owners may; another member may not; the videos stay", async () => {
    const { alice, bob, adam, slug, teamId } = await scene();
    const carol = await makeUser("Carol");
    await addMember(db(), teamId, carol.user.id, "member");
    as(bob.user.id);
    const bobs = (await create(slug, "Bob's")).collection!.id;
    const other = (await create(slug, "Other")).collection!.id;
    const third = (await create(slug, "Third")).collection!.id;
    const m = await aMedia({ teamId, userId: bob.user.id });
    await add(slug, bobs, m);

    as(carol.user.id);
    expect((await remove(slug, bobs)).error).toBe("Only the collection's creator, admins and owners can delete it.");
    as(bob.user.id);
    expect(await remove(slug, bobs)).toMatchObject({ ok: true });
    expect((await remove(slug, bobs)).error).toBe("That collection doesn't exist.");
    expect(await db().select().from(media).where(eq(media.id, m))).toHaveLength(1);
    as(adam.user.id);
    expect(await remove(slug, other)).toMatchObject({ ok: true });
    as(alice.user.id);
    expect(await remove(slug, third)).toMatchObject({ ok: true });
    expect(await allCollections()).toHaveLength(0);
  });
});

describe("adding and removing videos", () => {
  it("adds the team's videos once; trashed and unknown ones are skipped and said so", async () => {
    const { alice, slug, teamId } = await scene();
    as(alice.user.id);
    const c = (await create(slug, "Picks")).collection!.id;
    const [a, b, t] = [
      await aMedia({ teamId, userId: alice.user.id }),
      await aMedia({ teamId, userId: alice.user.id }),
      await aMedia({ teamId, userId: alice.user.id }),
    ];
    await deleteMediaAction({}, formOf({ team: slug, ids: t }));
    expect(await add(slug, c, a, b)).toMatchObject({ ok: true, message: "2 videos added to “Picks”." });
    const again = await add(slug, c, a, t);
    expect(again.message).toMatch(/0 videos added .* 2 videos already in it, in the Trash or unknown/);
    expect(await members(c)).toEqual([a, b].sort());

    expect(await takeOut(slug, c, a)).toMatchObject({ ok: true, message: "1 video removed from “Picks”." });
    expect((await takeOut(slug, c, a)).error).toBe("None of these videos is in “Picks”.");
    expect(await members(c)).toEqual([b]);
  });

  it("add to a new collection by name, or to the one of that name; bad ids say why", async () => {
    const { alice, slug, teamId } = await scene();
    as(alice.user.id);
    const m = await aMedia({ teamId, userId: alice.user.id });
    const first = await run(actions.addToCollectionAction, { team: slug, collectionId: "new", name: "Fresh", ids: m });
    expect(first).toMatchObject({ ok: true, collection: { name: "Fresh" } });
    const same = await run(actions.addToCollectionAction, { team: slug, collectionId: "", name: "fresh", ids: m });
    expect(same.collection?.id).toBe(first.collection?.id);
    expect(await allCollections()).toHaveLength(1);
    expect((await run(actions.addToCollectionAction, { team: slug, ids: m })).fieldErrors?.collectionId).toEqual([
      "Choose a collection, or name a new one.",
    ]);
    expect((await add(slug, first.collection!.id, "")).fieldErrors?.ids).toEqual(["Choose at least one video."]);
    expect((await add(slug, first.collection!.id, "nope")).fieldErrors?.ids?.[0]).toMatch(/Not a video of this team/);
    expect((await add(slug, crypto.randomUUID(), m)).error).toBe("That collection doesn't exist.");
    expect(await members(first.collection!.id)).toEqual([m]);
  });
});

describe("listings and the gallery filter", () => {
  it("counts leave out trashed videos; the filter pages through the collection, trashed ones out", async () => {
    const { alice, slug, teamId } = await scene();
    as(alice.user.id);
    const c = (await create(slug, "Big one")).collection!.id;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await aMedia({ teamId, userId: alice.user.id }, `In ${i}`));
    for (let i = 0; i < 5; i++) await aMedia({ teamId, userId: alice.user.id }, `Out ${i}`);
    await add(slug, c, ...ids);
    await deleteMediaAction({}, formOf({ team: slug, ids: ids[3]! }));

    const view = await loadCollections(db(), alice.team, alice.actor);
    expect(view.items).toMatchObject([{ name: "Big one", count: 6, href: `/t/${slug}?collection=${c}` }]);

    const seen: string[] = [];
    let cursor = null;
    for (let pages = 0; pages < 5; pages++) {
      const page = await listGalleryPage(db(), teamId, { sort: "newest", collectionId: c }, cursor, 4);
      seen.push(...page.rows.map((r) => r.title));
      cursor = page.next;
      if (!cursor) break;
    }
    expect(seen).toEqual(["In 6", "In 5", "In 4", "In 2", "In 1", "In 0"]);
    // Composed with the other filters.
    const searched = await listGalleryPage(db(), teamId, { sort: "oldest", collectionId: c, q: "In 5" }, null, 4);
    expect(searched.rows.map((r) => r.title)).toEqual(["In 5"]);
  });
});
