import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { media, mediaAssets, uploads } from "@/db/media-schema";
import { listExtendableVideos } from "@/db/queries/media-assets";
import { countFinishedMedia, listDueWaiting, listGalleryPage } from "@/db/queries/media-lists";
import { addMember } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { purgeTrash } from "@/lib/library/trash";
import { loadTrash } from "@/lib/library/trash-view";
import { createMediaAs, retrySubmitAs } from "@/lib/media/create";
import { IN_TRASH } from "@/lib/media/errors";
import { processAgainAs } from "@/lib/media/regenerate";
import { sendWaiting } from "@/lib/media/waiting";
import { makeUser } from "../helpers/factories";
import {
  APP_URL,
  createParallax,
  type Env,
  FILE_SECRET,
  formOf,
  makeEnv,
  upstreamJobs,
  world,
} from "../helpers/harness";
import { parallaxForm } from "../helpers/parallax";

// Delete → Trash → restore → purge (issue 12): who may, what disappears from the team's lists,
// and what the purge removes (rows, stored files, uploads nothing else uses) and keeps.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
// Two renders in flight per team, so a third waits in line.
vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => real.parseEnv({ ...process.env, MAX_ACTIVE_RENDERS_PER_TEAM: "2" }) };
});

const { deleteMediaAction, restoreMediaAction, deleteForeverAction } = await import(
  "@/app/(app)/t/[team]/trash/actions"
);

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
  world.client = env.client;
  world.storage = env.storage;
  world.userId = null;
});
afterEach(async () => {
  await env.sandbox.stopWorker();
});

const rowOf = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0];
const as = (userId: string) => {
  world.userId = userId;
};
const del = (team: string, ...ids: string[]) => deleteMediaAction({}, formOf({ team, ids: ids.join(",") }));
const restore = (team: string, ...ids: string[]) => restoreMediaAction({}, formOf({ team, ids: ids.join(",") }));
const forever = (team: string, ...ids: string[]) => deleteForeverAction({}, formOf({ team, ids: ids.join(",") }));

/** A media row of the team's, as cheap as can be (rights and lists only). */
async function plain(teamId: string, createdBy: string, title = "Clip") {
  const [m] = await db()
    .insert(media)
    .values({ teamId, createdBy, title, motionType: "Parallax", params: {}, webhookSecretHash: crypto.randomUUID() })
    .returning();
  return m!.id;
}

/** A finished Parallax video with its stored copies, made through Create and the sandbox. */
async function finished(who: { teamId: string; userId: string }, fields: Record<string, string> = {}) {
  const id = await createParallax(env, who, fields);
  await env.sandbox.drain();
  await env.settle();
  expect((await rowOf(id))?.status).toBe("success");
  return id;
}

/** The temporary folder that holds a stored key (the test storage's root is not exposed). */
function fileOf(key: string): string {
  for (const d of readdirSync(tmpdir()).filter((n) => n.startsWith("studio-storage-"))) {
    const file = path.join(tmpdir(), d, key);
    if (existsSync(file)) return file;
  }
  throw new Error(`no stored file for ${key}`);
}

/** Alice owns the team; Bob is a member, Adam an admin, Vera a viewer; Mallory has her own team. */
async function scene() {
  const alice = await makeUser("Alice");
  const bob = await makeUser("Bob");
  const adam = await makeUser("Adam");
  const vera = await makeUser("Vera");
  const mallory = await makeUser("Mallory");
  await addMember(db(), alice.team.id, bob.user.id, "member");
  await addMember(db(), alice.team.id, adam.user.id, "admin");
  await addMember(db(), alice.team.id, vera.user.id, "viewer");
  return { alice, bob, adam, vera, mallory, slug: alice.team.slug };
}

describe("delete and restore rights", () => {
  it("the creator, admins and owners may; another member and a viewer may not; another team finds nothing", async () => {
    const { alice, bob, adam, vera, mallory, slug } = await scene();
    const bobs = await plain(alice.team.id, bob.user.id, "Bob's");
    const alices = await plain(alice.team.id, alice.user.id, "Alice's");

    as(bob.user.id);
    expect(await del(slug, alices)).toMatchObject({ ok: false, error: expect.stringMatching(/creator, admins/) });
    expect((await rowOf(alices))?.deletedAt).toBeNull();
    expect(await del(slug, bobs)).toMatchObject({ ok: true });
    expect((await rowOf(bobs))?.deletedBy).toBe(bob.user.id);
    expect(await del(slug, bobs)).toMatchObject({ ok: false, error: expect.stringMatching(/already in the Trash/) });

    as(vera.user.id);
    expect((await restore(slug, bobs)).error).toMatch(/Viewers/);
    expect((await del(slug, alices)).error).toMatch(/Viewers/);
    expect((await rowOf(alices))?.deletedAt).toBeNull();
    expect((await rowOf(bobs))?.deletedAt).not.toBeNull();

    // Mallory: Alice's team is not hers, and from her own team Alice's media do not exist.
    as(mallory.user.id);
    expect((await del(slug, alices)).error).toMatch(/doesn't exist or you are not a member/);
    expect((await del(mallory.team.slug, alices)).error).toBe("That video doesn't exist.");
    expect((await restore(mallory.team.slug, bobs)).error).toBe("That video doesn't exist.");
    expect((await rowOf(alices))?.deletedAt).toBeNull();
    expect((await rowOf(bobs))?.deletedAt).not.toBeNull();

    as(adam.user.id);
    expect(await del(slug, alices)).toMatchObject({ ok: true });
    as(bob.user.id);
    expect((await restore(slug, alices)).error).toMatch(/creator, admins/);
    expect(await restore(slug, bobs)).toMatchObject({ ok: true });
    expect(await rowOf(bobs)).toMatchObject({ deletedAt: null, deletedBy: null });
    as(alice.user.id);
    expect(await restore(slug, alices)).toMatchObject({ ok: true });
    expect((await rowOf(alices))?.deletedAt).toBeNull();
  });

  it("bulk: several ids at once, another team's untouched; more than 100 refused", async () => {
    const { alice, mallory, slug } = await scene();
    const mine = [await plain(alice.team.id, alice.user.id), await plain(alice.team.id, alice.user.id)];
    const hers = await plain(mallory.team.id, mallory.user.id);
    as(alice.user.id);
    const r = await del(slug, ...mine, hers);
    expect(r).toMatchObject({ ok: true, message: expect.stringMatching(/^2 videos moved to the Trash; 1 video/) });
    expect(new Set(r.ids)).toEqual(new Set(mine));
    for (const id of mine) expect((await rowOf(id))?.deletedAt).not.toBeNull();
    expect((await rowOf(hers))?.deletedAt).toBeNull();

    const many = Array.from({ length: 101 }, () => crypto.randomUUID());
    expect((await del(slug, ...many)).fieldErrors?.ids?.[0]).toMatch(/At most 100/);
    expect((await restore(slug, ...mine, hers)).ids?.sort()).toEqual([...mine].sort());
  });
});

describe("trashed media leave the team's lists", () => {
  it("out of the gallery (plain and filtered), the finished count and the Trash lists them", async () => {
    const { alice, bob, slug } = await scene();
    const who = { teamId: alice.team.id, userId: alice.user.id };
    const kept = await finished(who, { title: "Kept" });
    const gone = await finished(who, { title: "Gone" });
    const ids = async (filters = {}) =>
      (await listGalleryPage(db(), alice.team.id, { sort: "newest", ...filters }, null, 24)).rows.map((r) => r.id);
    expect(await ids()).toEqual([gone, kept]);
    as(alice.user.id);
    expect(await del(slug, gone)).toMatchObject({ ok: true });
    expect(await ids()).toEqual([kept]);
    expect(await ids({ statuses: ["success"] })).toEqual([kept]);
    expect(await ids({ q: "Gone" })).toEqual([]);
    expect(await countFinishedMedia(db(), alice.team.id)).toBe(1);

    const view = await loadTrash(db(), alice.team, { userId: bob.user.id, teamId: alice.team.id, role: "member" });
    expect(view.items).toEqual([
      expect.objectContaining({ id: gone, title: "Gone", deletedBy: "Alice", daysLeft: 30, canRestore: false }),
    ]);
    expect(view.canDeleteForever).toBe(false);
  });

  it("out of the Create page's list of videos to extend", async () => {
    const { alice, slug } = await scene();
    const gone = await finished({ teamId: alice.team.id, userId: alice.user.id });
    expect((await listExtendableVideos(db(), alice.team.id)).map((v) => v.mediaId)).toEqual([gone]);
    as(alice.user.id);
    await del(slug, gone);
    expect(await listExtendableVideos(db(), alice.team.id)).toEqual([]);
  });

  it("a waiting media deleted is never sent; one deleted while rendering finishes quietly in the Trash", async () => {
    const { alice, slug } = await scene();
    const who = { teamId: alice.team.id, userId: alice.user.id };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await createParallax(env, who, { title: `Take ${i + 1}` }));
    const [rendering, , waiting] = ids as [string, string, string];
    expect((await rowOf(waiting))?.status).toBe("waiting");
    as(alice.user.id);
    expect(await del(slug, waiting, rendering)).toMatchObject({ ok: true });
    expect(await listDueWaiting(db(), new Date(), 10, alice.team.id)).toEqual([]);

    for (let i = 0; i < 4; i++) {
      await env.sandbox.drain();
      await env.settle();
    }
    const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
    expect(await sendWaiting(deps)).toEqual({ sent: 0, stillWaiting: 0, failed: 0 });
    expect(await upstreamJobs()).toHaveLength(2);
    expect((await rowOf(waiting))?.status).toBe("waiting");
    expect(await rowOf(rendering)).toMatchObject({ status: "success", deletedAt: expect.any(Date) });
    const copies = await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, rendering));
    expect(copies.length).toBeGreaterThan(0);
  });
});

describe("the purge", () => {
  it("after 30 days removes rows, stored files and unreferenced uploads; keeps shared uploads and younger media", async () => {
    const { alice, slug } = await scene();
    const who = { teamId: alice.team.id, userId: alice.user.id };
    const a = await finished(who, { title: "A" });
    const b = await finished(who, { title: "B" });
    // C uses B's photo: that upload must outlive B.
    const shared = String((await rowOf(b))!.params.firstImage);
    const form = await parallaxForm(db(), env.storage, who, { firstImage: shared, title: "C" });
    const made = await createMediaAs(
      { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET },
      who,
      form,
    );
    if (!made.ok) throw new Error("C not created");
    const young = await finished(who, { title: "Young" });

    const assetsOf = (ids: string[]) => db().select().from(mediaAssets).where(inArray(mediaAssets.mediaId, ids));
    const files = (await assetsOf([a, b])).map((x) => fileOf(x.storageKey));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const uploadOf = async (id: string) =>
      (
        await db()
          .select()
          .from(uploads)
          .where(eq(uploads.id, String((await rowOf(id))!.params.firstImage)))
      )[0]!;
    const aUpload = await uploadOf(a);
    const aUploadFile = fileOf(aUpload.storageKey);
    const sharedFile = fileOf((await uploadOf(b)).storageKey);

    as(alice.user.id);
    expect(await del(slug, a, b, young)).toMatchObject({ ok: true });
    const back = (days: number) => sql`now() - make_interval(days => ${days})`;
    await db()
      .update(media)
      .set({ deletedAt: back(31) })
      .where(inArray(media.id, [a, b]));
    await db()
      .update(media)
      .set({ deletedAt: back(29) })
      .where(eq(media.id, young));
    // Past 30 days a media cannot be restored any more: the purge may be deleting its files.
    expect((await restore(slug, a)).error).toMatch(/not in the Trash, or is already being deleted/);

    const deps = { db: db(), storage: env.storage };
    expect(await purgeTrash(deps, { limit: 10 })).toMatchObject({ purged: 2, uploads: 1, failed: 0 });
    expect(await rowOf(a)).toBeUndefined();
    expect(await rowOf(b)).toBeUndefined();
    expect(await assetsOf([a, b])).toEqual([]);
    for (const f of files) expect(existsSync(f)).toBe(false);
    expect(existsSync(aUploadFile)).toBe(false);
    expect(await db().select().from(uploads).where(eq(uploads.id, aUpload.id))).toEqual([]);
    // Kept: the upload C still uses, the media in the Trash for 29 days, C itself.
    expect(existsSync(sharedFile)).toBe(true);
    expect(await db().select().from(uploads).where(eq(uploads.id, shared))).toHaveLength(1);
    expect((await rowOf(young))?.deletedAt).not.toBeNull();
    expect(await rowOf(made.mediaId)).toBeDefined();
    // A second pass finds nothing more to do.
    expect(await purgeTrash(deps, { limit: 10 })).toMatchObject({ purged: 0, failed: 0 });
  });

  it("Delete forever: admins and owners only, trashed media only, at once with its files", async () => {
    const { alice, bob, adam, slug } = await scene();
    const bobs = await finished({ teamId: alice.team.id, userId: bob.user.id });
    const files = (await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, bobs))).map((x) =>
      fileOf(x.storageKey),
    );
    as(bob.user.id);
    expect((await forever(slug, bobs)).error).toMatch(/Only owners and admins/);
    as(adam.user.id);
    expect((await forever(slug, bobs)).error).toMatch(/not in the Trash/);
    expect(await rowOf(bobs)).toBeDefined();
    as(bob.user.id);
    expect(await del(slug, bobs)).toMatchObject({ ok: true });
    expect((await forever(slug, bobs)).error).toMatch(/Only owners and admins/);
    expect(await rowOf(bobs)).toBeDefined();
    for (const f of files) expect(existsSync(f)).toBe(true);
    as(adam.user.id);
    expect(await forever(slug, bobs)).toMatchObject({ ok: true, message: "1 video deleted forever." });
    expect(await rowOf(bobs)).toBeUndefined();
    for (const f of files) expect(existsSync(f)).toBe(false);
    as(alice.user.id);
    expect((await forever(slug, bobs)).error).toMatch(/not in the Trash/);
  });
});

describe("nothing spends from the Trash", () => {
  it("a trashed video is neither rendered again nor sent, until it is restored", async () => {
    const { alice, slug } = await scene();
    const who = { teamId: alice.team.id, userId: alice.user.id };
    const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
    const done = await finished(who);
    // Recorded but never sent (upstream refused it: no credit): Retry would send it.
    await env.sandbox.updateSettings({ credits: 0 });
    const refused = await createMediaAs(deps, who, await parallaxForm(db(), env.storage, who));
    expect(refused).toMatchObject({ ok: false, reason: "credit" });
    const unsent = refused.mediaId!;
    await env.sandbox.updateSettings({ credits: null });
    as(alice.user.id);
    expect((await del(slug, done, unsent)).error).toBeUndefined();
    const jobs = (await upstreamJobs()).length;

    expect(await processAgainAs(deps, who, { mediaId: done })).toEqual({ error: IN_TRASH });
    expect((await rowOf(done))?.status).toBe("success");
    expect(await retrySubmitAs(deps, alice.team.id, unsent)).toMatchObject({ ok: false, error: IN_TRASH });
    expect((await rowOf(unsent))?.status).toBe("not_submitted");
    expect(await upstreamJobs()).toHaveLength(jobs);

    expect((await restore(slug, done)).error).toBeUndefined();
    expect(await processAgainAs(deps, who, { mediaId: done })).toMatchObject({ ok: true });
    expect(await upstreamJobs()).toHaveLength(jobs);
    expect((await rowOf(done))?.status).not.toBe("success");
  });
});
