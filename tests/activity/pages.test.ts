import { and, eq, isNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { notifications } from "@/db/library-schema";
import { addMember } from "@/db/queries/teams";
import { recordActivity } from "@/lib/activity/record";
import { getDb } from "@/lib/db";
import { NOTIFICATION_MISSING } from "@/lib/notifications/manage";
import { addCommentAs } from "@/lib/review/comments";
import { actorIn, makeUser } from "../helpers/factories";
import { createParallax, type Env, formOf, makeEnv, Redirected, world } from "../helpers/harness";
import { html } from "../helpers/render";

// The activity page, the bell and the notifications page through their real doors: every
// member and viewer of the team sees its feed, another team gets the 404; notifications are
// one user's own (count, list, open, mark all read), and nobody else can read or mark them.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
// The header's other client pieces are not under test here.
vi.mock("@/components/app-shell/user-menu", () => ({ UserMenu: () => null }));
vi.mock("@/components/app-shell/team-switcher", () => ({ TeamSwitcher: () => null }));

const ActivityPage = (await import("@/app/(app)/t/[team]/activity/page")).default;
const NotificationsPage = (await import("@/app/(app)/t/[team]/notifications/page")).default;
const TeamLayout = (await import("@/app/(app)/t/[team]/layout")).default;
const { openNotificationAction, markAllReadAction } = await import("@/app/(app)/t/[team]/notifications/actions");

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
  world.client = env.client;
  world.storage = env.storage;
  world.userId = null;
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterEach(async () => {
  await env.sandbox.stopWorker();
  vi.restoreAllMocks();
});

const activityPage = (slug: string, after?: string) =>
  html(ActivityPage({ params: Promise.resolve({ team: slug }), searchParams: Promise.resolve({ after }) }));
const notificationsPage = (slug: string) => html(NotificationsPage({ params: Promise.resolve({ team: slug }) }));
const layout = (slug: string) => html(TeamLayout({ children: null, params: Promise.resolve({ team: slug }) }));
const notes = (userId: string) => db().select().from(notifications).where(eq(notifications.userId, userId));

/** Ada's team: a finished "Sunset" (Ada is told), Bob a member mentioned on it, Vera a viewer; Eve is elsewhere. */
async function scene() {
  const ada = await makeUser("Ada");
  const bob = await makeUser("Bob");
  const vera = await makeUser("Vera");
  const eve = await makeUser("Eve");
  await addMember(db(), ada.team.id, bob.user.id, "member");
  await addMember(db(), ada.team.id, vera.user.id, "viewer");
  const id = await createParallax(env, { teamId: ada.team.id, userId: ada.user.id }, { title: "Sunset" });
  await env.sandbox.drain();
  await env.settle();
  await addCommentAs(db(), ada.actor, { mediaId: id, body: "@Bob have a look" });
  return { ada, bob, vera, eve, id, slug: ada.team.slug };
}

describe("the activity page", () => {
  it("shows the team's feed to members and viewers, newest first, the video linked", async () => {
    const { ada, vera, id, slug } = await scene();
    for (const who of [ada, vera]) {
      world.userId = who.user.id;
      const page = await activityPage(slug);
      const text = page.replace(/<[^>]+>/g, "");
      expect(text).toContain("Ada commented on Sunset");
      expect(text).toContain("Sunset finished rendering");
      expect(text).toContain("Ada started a render of Sunset");
      expect(text.indexOf("commented")).toBeLessThan(text.indexOf("finished rendering"));
      expect(text.indexOf("finished rendering")).toBeLessThan(text.indexOf("started a render"));
      expect(page).toContain(`href="/t/${slug}/media/${id}"`);
    }
  }, 60_000);

  it("is a 404 for another team's member and for a stranger's guess", async () => {
    const { eve, slug } = await scene();
    world.userId = eve.user.id;
    await expect(activityPage(slug)).rejects.toThrow("NOT_FOUND");
    await expect(activityPage("no-such-team")).rejects.toThrow("NOT_FOUND");
    await expect(notificationsPage(slug)).rejects.toThrow("NOT_FOUND");
    world.userId = null;
    await expect(activityPage(slug)).rejects.toThrow(Redirected);
  }, 60_000);

  it("pages by keyset: every line once, older after newer; a bad cursor is the first page", async () => {
    const ada = await makeUser("Ada");
    for (let i = 0; i < 35; i++)
      await recordActivity(db(), { teamId: ada.team.id, kind: "member_joined", actorId: ada.user.id, data: { i } });
    world.userId = ada.user.id;
    const first = await activityPage(ada.team.slug);
    expect(first.match(/joined the team/g)).toHaveLength(30);
    const older = /href="\/t\/[^"]+\/activity\?after=([^"]+)"/.exec(first)?.[1];
    expect(older).toBeTruthy();
    const second = await activityPage(ada.team.slug, older);
    expect(second.match(/joined the team/g)).toHaveLength(5);
    expect(second).not.toMatch(/activity\?after=/);
    expect(second).toContain("Newest");
    const bad = await activityPage(ada.team.slug, "not-a-cursor");
    expect(bad.match(/joined the team/g)).toHaveLength(30);
  }, 60_000);

  it("names a trashed video without linking it", async () => {
    const { ada, id, slug } = await scene();
    const { trashAs } = await import("@/lib/library/trash");
    await trashAs(db(), ada.actor, [id]);
    world.userId = ada.user.id;
    const page = await activityPage(slug);
    expect(page.replace(/<[^>]+>/g, "")).toContain("Ada moved Sunset to the Trash");
    expect(page).not.toContain(`/media/${id}"`);
  }, 60_000);
});

describe("the bell and the notifications page", () => {
  it("counts each user's own unread notifications", async () => {
    const { ada, bob, vera, slug } = await scene();
    for (const [who, label] of [
      [ada, "Notifications, 1 unread"],
      [bob, "Notifications, 1 unread"],
      [vera, "Notifications"],
    ] as const) {
      world.userId = who.user.id;
      expect(await layout(slug)).toContain(`aria-label="${label}"`);
    }
    world.userId = bob.user.id;
    // Bob's own team has nothing for him.
    expect(await layout(bob.team.slug)).toContain('aria-label="Notifications"');
    expect(await layout(slug)).toContain(`href="/t/${slug}/activity"`);
  }, 60_000);

  it("lists the user's notifications; opening one marks it read and goes to the video", async () => {
    const { bob, id, slug } = await scene();
    world.userId = bob.user.id;
    const page = (await notificationsPage(slug)).replace(/<[^>]+>/g, "");
    expect(page).toContain("Unread: Ada mentioned you on Sunset");
    expect(page).not.toContain("finished rendering");
    const [note] = await notes(bob.user.id);
    await expect(openNotificationAction({}, formOf({ team: slug, id: note!.id }))).rejects.toThrow(
      new Redirected(`/t/${slug}/media/${id}`),
    );
    expect((await notes(bob.user.id))[0]!.readAt).not.toBeNull();
    expect(await layout(slug)).toContain('aria-label="Notifications"');
  }, 60_000);

  it("nobody else can open or mark another user's notification, from this team or another", async () => {
    const { ada, bob, eve, slug } = await scene();
    const [note] = await notes(bob.user.id);
    // Ada is in the team but it is Bob's; Eve tries through her own team and through Ada's.
    for (const [who, team] of [
      [ada, slug],
      [eve, eve.team.slug],
    ] as const) {
      world.userId = who.user.id;
      expect(await openNotificationAction({}, formOf({ team, id: note!.id }))).toEqual({ error: NOTIFICATION_MISSING });
      expect(await markAllReadAction({}, formOf({ team }))).toMatchObject({ ok: true });
    }
    world.userId = eve.user.id;
    expect((await openNotificationAction({}, formOf({ team: slug, id: note!.id }))).error).toMatch(/doesn't exist/);
    expect((await markAllReadAction({}, formOf({ team: slug }))).error).toMatch(/doesn't exist/);
    expect(await notes(bob.user.id)).toMatchObject([{ readAt: null }]);
    world.userId = bob.user.id;
    expect(await openNotificationAction({}, formOf({ team: slug, id: "nope" }))).toMatchObject({
      fieldErrors: { id: [NOTIFICATION_MISSING] },
    });
  }, 60_000);

  it("marks all of the user's notifications in this team read, no one else's", async () => {
    const { ada, bob, id, slug } = await scene();
    await addCommentAs(db(), await actorIn(bob.user.id, slug), { mediaId: id, body: "@Ada agreed" });
    world.userId = ada.user.id;
    expect((await notes(ada.user.id)).filter((n) => !n.readAt)).toHaveLength(2);
    expect(await markAllReadAction({}, formOf({ team: slug }))).toMatchObject({ ok: true, message: "All caught up." });
    const unread = (userId: string) =>
      db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    expect(await unread(ada.user.id)).toHaveLength(0);
    expect(await unread(bob.user.id)).toHaveLength(1);
    expect((await notificationsPage(slug)).replace(/<[^>]+>/g, "")).toContain("All caught up");
  }, 60_000);
});
