import { existsSync } from "node:fs";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { activity } from "@/db/library-schema";
import { media, mediaAssets, uploads } from "@/db/media-schema";
import { adminTeamsPage } from "@/db/queries/admin";
import { listDueWaiting } from "@/db/queries/media-lists";
import { addMember, createTeam, listTeamsForUser } from "@/db/queries/teams";
import { memberships, teams } from "@/db/schema";
import { getDb } from "@/lib/db";
import { localStorage } from "@/lib/storage/local";
import type { Storage } from "@/lib/storage/types";
import { deleteTeamAs, purgeDeletingTeams } from "@/lib/teams/team-deletion";
import { makeUser } from "../helpers/factories";
import {
  APP_URL,
  createParallax,
  type Env,
  FILE_SECRET,
  formOf,
  makeEnv,
  Redirected,
  tempDir,
  upstreamJobs,
  world,
} from "../helpers/harness";

// Deleting a whole team (issue 12): owners only, by typing its name; it is gone for everyone at
// once (slug free again, nothing more sent upstream), then purged in batches: rows, stored files,
// and finally the memberships and the team, never touching another team's.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
// The purge the action starts after answering: held here, so each test runs it when it chooses.
const afterTasks: (() => Promise<unknown>)[] = [];
vi.mock("next/server", () => ({ after: (task: () => Promise<unknown>) => void afterTasks.push(task) }));
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
// One render in flight per team, so the next one waits in line.
vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => real.parseEnv({ ...process.env, MAX_ACTIVE_RENDERS_PER_TEAM: "1" }) };
});

const { deleteTeamAction } = await import("@/app/(app)/t/[team]/settings/delete-team-actions");
const { requireTeamPage } = await import("@/lib/auth/session");
const { default: AppEntry } = await import("@/app/(app)/app/page");

const db = () => getDb();
const as = (userId: string) => {
  world.userId = userId;
};
const del = (team: string, confirmName: string) => deleteTeamAction({}, formOf({ team, confirmName }));
const teamRow = async (id: string) => (await db().select().from(teams).where(eq(teams.id, id)))[0];

/** Alice owns the team; Adam is an admin, Bob a member, Vera a viewer; Mallory has her own team. */
async function scene() {
  const [alice, adam, bob, vera, mallory] = await Promise.all(
    ["Alice", "Adam", "Bob", "Vera", "Mallory"].map((n) => makeUser(n)),
  );
  await addMember(db(), alice!.team.id, adam!.user.id, "admin");
  await addMember(db(), alice!.team.id, bob!.user.id, "member");
  await addMember(db(), alice!.team.id, vera!.user.id, "viewer");
  return { alice: alice!, adam: adam!, bob: bob!, vera: vera!, mallory: mallory!, slug: alice!.team.slug };
}

/** A storage that counts deletes per key, on a folder the test can look into. */
function countingStorage() {
  const root = tempDir("teamdel");
  const inner = localStorage(root);
  const deletes = new Map<string, number>();
  const storage: Storage = {
    ...inner,
    delete: async (key) => {
      deletes.set(key, (deletes.get(key) ?? 0) + 1);
      await inner.delete(key);
    },
  };
  return { storage, deletes, onDisk: (key: string) => existsSync(path.join(root, key)) };
}

/** `n` media of the team, each with a stored copy and a poster on disk, and one upload. */
async function seed(storage: Storage, teamId: string, userId: string, n: number) {
  const rows = await db()
    .insert(media)
    .values(
      Array.from({ length: n }, (_, i) => ({
        teamId,
        createdBy: userId,
        title: `Clip ${i}`,
        motionType: "Parallax",
        params: {},
        status: "success" as const,
        webhookSecretHash: crypto.randomUUID(),
      })),
    )
    .returning({ id: media.id });
  const keys: string[] = [];
  for (const { id } of rows) {
    for (const kind of ["mp4", "poster"] as const) {
      const key = `media/${id}/${kind}`;
      await storage.put(key, new Uint8Array([1, 2, 3]), "application/octet-stream");
      await db().insert(mediaAssets).values({
        mediaId: id,
        teamId,
        variantKey: "Parallax1",
        kind,
        storageKey: key,
        contentType: "video/mp4",
        bytes: 3,
      });
      keys.push(key);
    }
  }
  const upKey = `uploads/${teamId}/${crypto.randomUUID()}`;
  await storage.put(upKey, new Uint8Array([4]), "image/png");
  await db().insert(uploads).values({
    teamId,
    uploadedBy: userId,
    storage: "local",
    storageKey: upKey,
    name: "a.png",
    contentType: "image/png",
    bytes: 1,
  });
  keys.push(upKey);
  return { ids: rows.map((r) => r.id), keys };
}

let env: Env | null = null;
beforeEach(() => {
  world.userId = null;
  afterTasks.length = 0;
});
afterEach(async () => {
  await env?.sandbox.stopWorker();
  env = null;
});

describe("who may delete a team", () => {
  it("only an owner: an admin, a member, a viewer and another team are refused and nothing changes", async () => {
    const { alice, adam, bob, vera, mallory, slug } = await scene();
    for (const who of [adam, bob, vera]) {
      as(who.user.id);
      expect(await del(slug, alice.team.name)).toMatchObject({ error: "Only an owner can delete the team." });
    }
    as(mallory.user.id);
    expect((await del(slug, alice.team.name)).error).toMatch(/doesn't exist or you are not a member/);
    // The rule holds below the door too.
    expect(
      await deleteTeamAs(
        db(),
        { ...adam.actor, teamId: alice.team.id, role: "admin" },
        { confirmName: alice.team.name },
      ),
    ).toMatchObject({ ok: false, error: "Only an owner can delete the team." });
    expect(await teamRow(alice.team.id)).toMatchObject({ slug, deletingAt: null });
  });

  it("a wrong name is a field error and changes nothing", async () => {
    const { alice, slug } = await scene();
    as(alice.user.id);
    for (const typed of ["", alice.team.name.toUpperCase(), `${alice.team.name}x`]) {
      const r = await del(slug, typed);
      expect(r.fieldErrors?.confirmName?.[0]).toBe(`Type the team's name exactly: ${alice.team.name}`);
    }
    expect(await teamRow(alice.team.id)).toMatchObject({ slug, deletingAt: null, deletingBy: null });
    expect(afterTasks).toEqual([]);
    expect((await listTeamsForUser(db(), alice.user.id)).map((t) => t.slug)).toContain(slug);
  });
});

describe("after deletion", () => {
  it("the team is gone for every member at once, its slug is free, and /app offers what is left", async () => {
    const { alice, bob, slug } = await scene();
    as(alice.user.id);
    const redirected = await del(slug, alice.team.name).catch((e: unknown) => e);
    expect(redirected).toBeInstanceOf(Redirected);
    expect((redirected as Redirected).url).toBe(`/app?deleted=${encodeURIComponent(alice.team.name)}`);
    expect(await teamRow(alice.team.id)).toMatchObject({
      slug: `deleted-${alice.team.id}`,
      deletingAt: expect.any(Date),
      deletingBy: alice.user.id,
    });
    expect(afterTasks).toHaveLength(1);

    for (const who of [alice, bob]) {
      as(who.user.id);
      await expect(requireTeamPage(slug)).rejects.toThrow("NOT_FOUND");
      await expect(requireTeamPage(`deleted-${alice.team.id}`)).rejects.toThrow("NOT_FOUND");
      expect((await listTeamsForUser(db(), who.user.id)).map((t) => t.slug)).toEqual(
        [who.team.slug].filter((s) => s !== slug),
      );
    }
    // Alice's only team is gone: /app sends her to create one. Bob lands on his own team.
    as(alice.user.id);
    await expect(AppEntry({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ url: "/teams/new" });
    as(bob.user.id);
    await expect(AppEntry({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ url: `/t/${bob.team.slug}` });
    // A second click finds nothing to delete.
    as(alice.user.id);
    expect((await del(slug, alice.team.name)).error).toMatch(/doesn't exist or you are not a member/);

    // The operators' list no longer shows it; a new team may take the slug.
    const page = await adminTeamsPage(db(), { limit: 50, offset: 0, since: new Date(0), memberSample: 3 });
    expect(page.teams.map((t) => t.id)).not.toContain(alice.team.id);
    const again = await createTeam(db(), { name: "Again", slug, ownerId: bob.user.id });
    as(bob.user.id);
    expect((await requireTeamPage(slug)).team.id).toBe(again.id);
    // The purge the action started (no media here): the team row goes, the new one stays.
    world.storage = localStorage(tempDir("teamdel"));
    await afterTasks[0]!();
    expect(await teamRow(alice.team.id)).toBeUndefined();
    expect(await teamRow(again.id)).toBeDefined();
  });

  it("renders waiting in line are never sent", { timeout: 120_000 }, async () => {
    env = await makeEnv();
    world.client = env.client;
    world.storage = env.storage;
    const { alice, slug } = await scene();
    const who = { teamId: alice.team.id, userId: alice.user.id };
    await createParallax(env, who, { title: "First" });
    const waiting = await createParallax(env, who, { title: "Second" });
    expect((await db().select().from(media).where(eq(media.id, waiting)))[0]?.status).toBe("waiting");
    expect(await listDueWaiting(db(), new Date(), 10, alice.team.id)).toHaveLength(1);

    as(alice.user.id);
    await del(slug, alice.team.name).catch(() => {});
    for (let i = 0; i < 4; i++) {
      await env.sandbox.drain();
      await env.settle();
    }
    const { sendWaiting } = await import("@/lib/media/waiting");
    const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
    expect(await sendWaiting(deps)).toEqual({ sent: 0, stillWaiting: 0, failed: 0 });
    expect(await upstreamJobs()).toHaveLength(1);
  });
});

describe("the purge", () => {
  it("leaves a media a sync holds for a later call instead of waiting for it while holding the team", async () => {
    const { alice } = await scene();
    const { storage } = countingStorage();
    await seed(storage, alice.team.id, alice.user.id, 3);
    const [held] = await db().select({ id: media.id }).from(media).where(eq(media.teamId, alice.team.id)).limit(1);
    await db().update(teams).set({ deletingAt: new Date() }).where(eq(teams.id, alice.team.id));
    const lockWaits = async () => {
      const rows = await db().execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return Number((rows as unknown as { n: number }[])[0]?.n ?? 0);
    };
    // A sync's order: the media row first; then its activity line, whose foreign key needs a share
    // lock on the team. A purge waiting for that media row while holding the team deadlocks with it.
    let report!: Awaited<ReturnType<typeof purgeDeletingTeams>>;
    await db().transaction(async (tx) => {
      await tx.select({ id: media.id }).from(media).where(eq(media.id, held!.id)).for("update");
      let done = false;
      const purge = purgeDeletingTeams({ db: db(), storage }, { budgetMs: 0 }).then((r) => {
        done = true;
        return r;
      });
      for (let i = 0; i < 100 && !done && (await lockWaits()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await tx.insert(activity).values({ teamId: alice.team.id, kind: "finished", mediaId: held!.id });
      report = await purge;
    });
    expect(report).toMatchObject({ failed: 0, more: true });
    expect(await db().select({ id: media.id }).from(media).where(eq(media.teamId, alice.team.id))).toEqual([
      { id: held!.id },
    ]);
    // The sync done, the next call takes that media and the team.
    expect(await purgeDeletingTeams({ db: db(), storage })).toMatchObject({ teamsDeleted: 1, failed: 0 });
  });

  it("goes in batches: media rows and stored files, uploads, then members and the team; another team untouched", async () => {
    const { alice, mallory } = await scene();
    const { storage, deletes, onDisk } = countingStorage();
    const doomed = await seed(storage, alice.team.id, alice.user.id, 5);
    const kept = await seed(storage, mallory.team.id, mallory.user.id, 2);
    expect(await deleteTeamAs(db(), alice.actor, { confirmName: alice.team.name })).toMatchObject({ ok: true });

    // A budget of one batch per call: the work is spread over calls, each one bounded.
    const first = await purgeDeletingTeams({ db: db(), storage }, { mediaBatch: 2, budgetMs: 0 });
    expect(first).toMatchObject({ batches: 1, media: 2, files: 4, more: true });
    expect(doomed.keys.filter(onDisk)).toHaveLength(doomed.keys.length - 4);
    let calls = 1;
    let last = first;
    while (last.more) {
      last = await purgeDeletingTeams({ db: db(), storage }, { mediaBatch: 2, budgetMs: 0 });
      calls++;
    }
    // 5 media in batches of 2 (3), the upload (1), the team (1).
    expect(calls).toBe(5);
    expect(await purgeDeletingTeams({ db: db(), storage }, { mediaBatch: 2 })).toMatchObject({
      batches: 0,
      more: false,
    });

    expect(doomed.keys.filter(onDisk)).toEqual([]);
    expect([...deletes.values()].every((n) => n === 1)).toBe(true);
    expect(await db().select().from(media).where(inArray(media.id, doomed.ids))).toEqual([]);
    expect(await db().select().from(uploads).where(eq(uploads.teamId, alice.team.id))).toEqual([]);
    expect(await teamRow(alice.team.id)).toBeUndefined();
    expect(await db().select().from(memberships).where(eq(memberships.teamId, alice.team.id))).toEqual([]);

    expect(kept.keys.every(onDisk)).toBe(true);
    expect(await db().select().from(media).where(inArray(media.id, kept.ids))).toHaveLength(2);
    expect(await db().select().from(mediaAssets).where(eq(mediaAssets.teamId, mallory.team.id))).toHaveLength(4);
    expect(await teamRow(mallory.team.id)).toBeDefined();
  });

  it("two purges at once neither fail nor delete anything twice", async () => {
    const { alice, bob } = await scene();
    const { storage, deletes, onDisk } = countingStorage();
    const a = await seed(storage, alice.team.id, alice.user.id, 6);
    const b = await seed(storage, bob.team.id, bob.user.id, 6);
    expect(await deleteTeamAs(db(), alice.actor, { confirmName: alice.team.name })).toMatchObject({ ok: true });
    expect(await deleteTeamAs(db(), bob.actor, { confirmName: bob.team.name })).toMatchObject({ ok: true });

    const run = () => purgeDeletingTeams({ db: db(), storage }, { mediaBatch: 2 });
    const reports = await Promise.all([run(), run(), run()]);
    const sum = (k: "media" | "uploads" | "teamsDeleted") => reports.reduce((n, r) => n + r[k], 0);
    expect(sum("media")).toBe(12);
    expect(sum("uploads")).toBe(2);
    expect(sum("teamsDeleted")).toBe(2);
    expect([...deletes.values()].every((n) => n === 1)).toBe(true);
    expect(deletes.size).toBe(a.keys.length + b.keys.length);
    expect([...a.keys, ...b.keys].filter(onDisk)).toEqual([]);
    expect(
      await db()
        .select()
        .from(teams)
        .where(inArray(teams.id, [alice.team.id, bob.team.id])),
    ).toEqual([]);
  });

  it("a storage failure rolls the batch back and the next call does it again", async () => {
    const { alice } = await scene();
    const { storage, onDisk } = countingStorage();
    const { ids, keys } = await seed(storage, alice.team.id, alice.user.id, 2);
    await deleteTeamAs(db(), alice.actor, { confirmName: alice.team.name });
    const broken: Storage = {
      ...storage,
      delete: async () => {
        throw new Error("storage down");
      },
    };
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await purgeDeletingTeams({ db: db(), storage: broken })).toMatchObject({ failed: 1, media: 0, more: true });
    expect(await db().select().from(media).where(inArray(media.id, ids))).toHaveLength(2);
    expect(await purgeDeletingTeams({ db: db(), storage })).toMatchObject({ failed: 0, teamsDeleted: 1, more: false });
    expect(keys.filter(onDisk)).toEqual([]);
  });

  it("leaves a media whose copy is being written for a later call, then takes it", async () => {
    const { alice } = await scene();
    const { storage } = countingStorage();
    const { ids } = await seed(storage, alice.team.id, alice.user.id, 2);
    // A copy claimed a moment ago and still being written (no bytes yet).
    await db().update(mediaAssets).set({ bytes: null }).where(eq(mediaAssets.mediaId, ids[0]!));
    await deleteTeamAs(db(), alice.actor, { confirmName: alice.team.name });
    const now = await purgeDeletingTeams({ db: db(), storage }, { mediaBatch: 10 });
    expect(now).toMatchObject({ media: 1, teamsDeleted: 0, more: true });
    expect((await db().select().from(media).where(eq(media.teamId, alice.team.id))).map((m) => m.id)).toEqual([ids[0]]);
    const later = await purgeDeletingTeams(
      { db: db(), storage },
      { mediaBatch: 10, now: () => new Date(Date.now() + 11 * 60_000) },
    );
    expect(later).toMatchObject({ media: 1, teamsDeleted: 1, more: false });
  });
});
