import { beforeEach, expect, it, vi } from "vitest";
import { collectionMedia, collections, favourites } from "@/db/library-schema";
import { getDb } from "@/lib/db";
import { aMedia, makeUser } from "../helpers/factories";
import { formOf, world } from "../helpers/harness";

// Team B against team A's collections and favourites (issue 12): with A's slug every action is
// refused as for a team that does not exist; with B's own slug A's ids are unknown; the
// collections page and a gallery filtered by A's collection answer 404. Nothing changes.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());

const a = await import("@/app/(app)/t/[team]/library-actions");
const CollectionsPage = (await import("@/app/(app)/t/[team]/collections/page")).default;
const GalleryPage = (await import("@/app/(app)/t/[team]/page")).default;

const db = () => getDb();
beforeEach(() => {
  world.userId = null;
});

const page = (p: Promise<unknown>) =>
  p.then(
    () => "rendered",
    (e: Error) => e.message,
  );
const snapshot = async () => ({
  collections: await db().select().from(collections),
  members: await db().select().from(collectionMedia),
  favourites: await db().select().from(favourites),
});

it("team B gets 404s and refusals for every new page and action on team A's things; nothing changes", async () => {
  const alice = await makeUser("Alice");
  const mallory = await makeUser("Mallory");
  const slug = alice.team.slug;
  world.userId = alice.user.id;
  const made = await a.createCollectionAction({}, formOf({ team: slug, name: "Secret campaign" }));
  const c = made.collection!.id;
  const m = await aMedia({ teamId: alice.team.id, userId: alice.user.id }, "Secret");
  const other = await aMedia({ teamId: alice.team.id, userId: alice.user.id }, "Other");
  await a.addToCollectionAction({}, formOf({ team: slug, collectionId: c, ids: m }));
  await a.setFavouriteAction({}, formOf({ team: slug, ids: m, on: "1" }));
  // Alice herself reaches both pages (the 404s below are about the team, not the page).
  expect(await page(CollectionsPage({ params: Promise.resolve({ team: slug }) }))).toBe("rendered");
  expect(
    await page(
      GalleryPage({ params: Promise.resolve({ team: slug }), searchParams: Promise.resolve({ collection: c }) }),
    ),
  ).toBe("rendered");
  const before = await snapshot();

  world.userId = mallory.user.id;
  const own = mallory.team.slug;
  const notMember = /doesn't exist or you are not a member/;
  const tries: [string, Promise<{ ok?: boolean; error?: string }>, RegExp | string][] = [
    ["create in A", a.createCollectionAction({}, formOf({ team: slug, name: "Mine" })), notMember],
    ["rename A's", a.renameCollectionAction({}, formOf({ team: slug, collectionId: c, name: "x" })), notMember],
    ["delete A's", a.deleteCollectionAction({}, formOf({ team: slug, collectionId: c })), notMember],
    ["add in A", a.addToCollectionAction({}, formOf({ team: slug, collectionId: c, ids: other })), notMember],
    ["remove in A", a.removeFromCollectionAction({}, formOf({ team: slug, collectionId: c, ids: m })), notMember],
    ["star in A", a.setFavouriteAction({}, formOf({ team: slug, ids: other, on: "1" })), notMember],
    [
      "rename via B",
      a.renameCollectionAction({}, formOf({ team: own, collectionId: c, name: "x" })),
      "That collection doesn't exist.",
    ],
    [
      "delete via B",
      a.deleteCollectionAction({}, formOf({ team: own, collectionId: c })),
      "That collection doesn't exist.",
    ],
    [
      "add via B",
      a.addToCollectionAction({}, formOf({ team: own, collectionId: c, ids: other })),
      "That collection doesn't exist.",
    ],
    [
      "remove via B",
      a.removeFromCollectionAction({}, formOf({ team: own, collectionId: c, ids: m })),
      "That collection doesn't exist.",
    ],
    [
      "star via B",
      a.setFavouriteAction({}, formOf({ team: own, ids: other, on: "1" })),
      "That video doesn't exist or is in the Trash.",
    ],
  ];
  for (const [what, attempt, error] of tries) {
    const out = await attempt;
    expect(out.ok, what).not.toBe(true);
    if (typeof error === "string") expect(out.error, what).toBe(error);
    else expect(out.error, what).toMatch(error);
  }
  // B's own collection cannot take A's media either.
  const mine = await a.createCollectionAction({}, formOf({ team: own, name: "Mine" }));
  const stolen = await a.addToCollectionAction({}, formOf({ team: own, collectionId: mine.collection!.id, ids: m }));
  expect(stolen.message).toMatch(/^0 videos added/);

  expect(await page(CollectionsPage({ params: Promise.resolve({ team: slug }) }))).toBe("NOT_FOUND");
  expect(
    await page(
      GalleryPage({ params: Promise.resolve({ team: own }), searchParams: Promise.resolve({ collection: c }) }),
    ),
  ).toBe("NOT_FOUND");
  expect(await page(GalleryPage({ params: Promise.resolve({ team: slug }), searchParams: Promise.resolve({}) }))).toBe(
    "NOT_FOUND",
  );

  const after = await snapshot();
  expect(after.collections.filter((x) => x.teamId === alice.team.id)).toEqual(before.collections);
  expect(after.members).toEqual(before.members);
  expect(after.favourites).toEqual(before.favourites);
});
