import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { activity, notifications } from "@/db/library-schema";
import { media } from "@/db/media-schema";
import { addMember } from "@/db/queries/teams";
import { teams } from "@/db/schema";
import { getDb } from "@/lib/db";
import { deleteForeverAs, restoreAs, trashAs } from "@/lib/library/trash";
import { createMediaAs } from "@/lib/media/create";
import { syncMedia } from "@/lib/media/sync";
import { handleVimmerseWebhook } from "@/lib/media/webhook";
import { addCommentAs } from "@/lib/review/comments";
import { createShareLinkAs } from "@/lib/share/manage";
import { acceptInvitation, inviteAs, removeMemberAs } from "@/lib/teams/service";
import { actorIn, makeUser } from "../helpers/factories";
import {
  APP_URL,
  createParallax,
  type Env,
  FILE_SECRET,
  makeEnv,
  webhookRequest,
  webhookSecretOf,
} from "../helpers/harness";
import { parallaxForm } from "../helpers/parallax";

// Each kind of activity is recorded once, at its source, by driving the real functions: a
// replayed webhook or a second reconciler pass adds nothing, a double click neither.

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterEach(async () => {
  await env.sandbox.stopWorker();
  vi.restoreAllMocks();
});

const lines = (teamId: string, kind?: string) =>
  db()
    .select()
    .from(activity)
    .where(kind ? and(eq(activity.teamId, teamId), eq(activity.kind, kind as "created")) : eq(activity.teamId, teamId));
const notes = (userId: string) => db().select().from(notifications).where(eq(notifications.userId, userId));
const upstreamIdOf = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!.upstreamId!;

/** Renders upstream without telling the app, then delivers the same notice twice. */
async function finishByReplayedWebhook(id: string) {
  await env.sandbox.updateSettings({ dropWebhooks: true });
  await env.sandbox.drain();
  const upstreamId = await upstreamIdOf(id);
  const secret = await webhookSecretOf(upstreamId);
  for (let i = 0; i < 2; i++) {
    const body = { customer_id: "c", media_id: upstreamId, status: "success" };
    const res = await handleVimmerseWebhook(env.webhookDeps(), secret, webhookRequest(secret, body));
    expect(res.status).toBe(200);
  }
  await env.settle();
}

describe("renders", () => {
  it("records created once, and one finished line and one notification for a replayed webhook and a second sync", async () => {
    const ada = await makeUser("Ada");
    const id = await createParallax(env, { teamId: ada.team.id, userId: ada.user.id }, { title: "Sunset" });
    expect(await lines(ada.team.id, "created")).toMatchObject([
      { actorId: ada.user.id, mediaId: id, data: { title: "Sunset" } },
    ]);

    await finishByReplayedWebhook(id);
    // A reconciler pass after the webhook: upstream says success again, nothing moves.
    await syncMedia(db(), env.client, env.storage, id, { fetchFile: env.fetchFile });

    expect(await lines(ada.team.id, "finished")).toMatchObject([{ mediaId: id, data: { title: "Sunset" } }]);
    expect(await notes(ada.user.id)).toMatchObject([{ kind: "render_finished", mediaId: id, readAt: null }]);
    expect(await lines(ada.team.id, "failed")).toHaveLength(0);
  }, 60_000);

  it("records one created line for a double click (the same form sent twice)", async () => {
    const ada = await makeUser("Ada");
    const who = { teamId: ada.team.id, userId: ada.user.id };
    const form = await parallaxForm(db(), env.storage, who, {});
    const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
    const [a, b] = [await createMediaAs(deps, who, form), await createMediaAs(deps, who, form)];
    expect(a).toMatchObject({ ok: true, created: true });
    expect(b).toMatchObject({ ok: true, created: false });
    expect(await lines(ada.team.id, "created")).toHaveLength(1);
  }, 60_000);

  it("records a failed render and tells its creator", async () => {
    const ada = await makeUser("Ada");
    await env.sandbox.updateSettings({ failRate: 1 });
    const id = await createParallax(env, { teamId: ada.team.id, userId: ada.user.id });
    await env.sandbox.drain();
    await env.settle();
    await syncMedia(db(), env.client, env.storage, id);
    expect(await lines(ada.team.id, "failed")).toMatchObject([{ mediaId: id, data: { status: "fail" } }]);
    expect(await notes(ada.user.id)).toMatchObject([{ kind: "render_failed", mediaId: id }]);
  }, 60_000);

  it("does not notify a creator who has left the team (the feed still says it finished)", async () => {
    const owner = await makeUser("Olive");
    const bob = await makeUser("Bob");
    await addMember(db(), owner.team.id, bob.user.id, "member");
    await createParallax(env, { teamId: owner.team.id, userId: bob.user.id });
    expect((await removeMemberAs(db(), owner.actor, bob.user.id)).ok).toBe(true);
    await env.sandbox.drain();
    await env.settle();
    expect(await lines(owner.team.id, "finished")).toHaveLength(1);
    expect(await notes(bob.user.id)).toHaveLength(0);
  }, 60_000);

  it("tells nobody of a render that ends while its team is being deleted", async () => {
    const alice = await makeUser("Alice");
    await createParallax(env, { teamId: alice.team.id, userId: alice.user.id });
    await db().update(teams).set({ deletingAt: new Date() }).where(eq(teams.id, alice.team.id));
    await env.sandbox.drain();
    await env.settle();
    expect(await notes(alice.user.id)).toHaveLength(0);
  }, 60_000);
});

describe("comments", () => {
  it("notifies each mentioned member once, never the author, never someone outside the team", async () => {
    const ada = await makeUser("Ada");
    const bob = await makeUser("Bob");
    const eve = await makeUser("Eve");
    await addMember(db(), ada.team.id, bob.user.id, "viewer");
    const id = await createParallax(env, { teamId: ada.team.id, userId: ada.user.id });
    await env.sandbox.drain();
    await env.settle();
    const before = (await notes(ada.user.id)).length;

    const body = `@Bob look, and @Bob again; @Ada @${eve.user.email} @Eve`;
    expect(await addCommentAs(db(), ada.actor, { mediaId: id, body })).toMatchObject({ ok: true });

    expect(await notes(bob.user.id)).toMatchObject([{ kind: "mentioned", mediaId: id, teamId: ada.team.id }]);
    expect(await notes(ada.user.id)).toHaveLength(before);
    expect(await notes(eve.user.id)).toHaveLength(0);
    const [line] = await lines(ada.team.id, "commented");
    expect(line).toMatchObject({ actorId: ada.user.id, mediaId: id });
    expect((await notes(bob.user.id))[0]!.activityId).toBe(line!.id);
  }, 60_000);

  it("records nothing for a refused comment", async () => {
    const ada = await makeUser("Ada");
    const r = await addCommentAs(db(), ada.actor, { mediaId: crypto.randomUUID(), body: "hi" });
    expect(r.error).toBeTruthy();
    expect(await lines(ada.team.id, "commented")).toHaveLength(0);
  });
});

describe("share, Trash and members", () => {
  it("records a share link, a Trash step per click (one line per batch) and a restore", async () => {
    const ada = await makeUser("Ada");
    const who = { teamId: ada.team.id, userId: ada.user.id };
    const id = await createParallax(env, who, { title: "Sunset" });
    const other = await createParallax(env, who, { title: "Dawn" });
    await env.sandbox.drain();
    await env.settle();

    expect((await createShareLinkAs({ db: db(), appUrl: APP_URL }, who, { mediaId: id, expiry: "none" })).ok).toBe(
      true,
    );
    expect(await lines(ada.team.id, "shared")).toMatchObject([{ actorId: ada.user.id, mediaId: id }]);

    expect((await trashAs(db(), ada.actor, [id])).ok).toBe(true);
    // The same click again (already in the Trash): no second line.
    expect((await trashAs(db(), ada.actor, [id])).ok).toBe(false);
    expect(await lines(ada.team.id, "deleted")).toMatchObject([{ mediaId: id, data: { count: 1, title: "Sunset" } }]);

    expect((await restoreAs(db(), ada.actor, [id])).ok).toBe(true);
    expect(await lines(ada.team.id, "restored")).toMatchObject([{ mediaId: id, data: { count: 1 } }]);

    expect((await trashAs(db(), ada.actor, [id, other])).ok).toBe(true);
    const batch = (await lines(ada.team.id, "deleted")).find((l) => l.data.count === 2);
    expect(batch).toMatchObject({ mediaId: null, data: { count: 2 } });
    expect((batch!.data.titles as string[]).sort()).toEqual(["Dawn", "Sunset"]);

    await deleteForeverAs({ db: db(), storage: env.storage }, ada.actor, [id]);
    const forever = (await lines(ada.team.id, "deleted")).find((l) => l.data.forever);
    // The video is gone; the line keeps its title.
    expect(forever).toMatchObject({ mediaId: null, data: { forever: true, count: 1, title: "Sunset" } });
  }, 90_000);

  it("records a member joining by invitation, leaving and being removed; a personal team's creation is not a join", async () => {
    const owner = await makeUser("Olive");
    const guest = await makeUser("Gus");
    const other = await makeUser("Otto");
    expect(await lines(owner.team.id)).toHaveLength(0);

    for (const g of [guest, other]) {
      const inv = await inviteAs(db(), owner.actor, { email: g.user.email!, role: "viewer" });
      if (!inv.ok) throw new Error(inv.error);
      expect((await acceptInvitation(db(), inv.token, g.user)).ok).toBe(true);
      // Opening the accepted link again adds nothing.
      expect((await acceptInvitation(db(), inv.token, g.user)).ok).toBe(true);
    }
    expect(await lines(owner.team.id, "member_joined")).toHaveLength(2);
    expect(await lines(owner.team.id, "member_joined")).toContainEqual(
      expect.objectContaining({ actorId: guest.user.id, data: expect.objectContaining({ role: "viewer" }) }),
    );

    expect((await removeMemberAs(db(), await actorIn(guest.user.id, owner.team.slug), guest.user.id)).ok).toBe(true);
    expect((await removeMemberAs(db(), owner.actor, other.user.id)).ok).toBe(true);
    const left = await lines(owner.team.id, "member_left");
    expect(left).toContainEqual(
      expect.objectContaining({
        actorId: guest.user.id,
        data: expect.objectContaining({ memberId: guest.user.id, memberName: "Gus" }),
      }),
    );
    expect(left).toContainEqual(
      expect.objectContaining({
        actorId: owner.user.id,
        data: expect.objectContaining({ removed: true, memberName: "Otto" }),
      }),
    );
    // Refused steps record nothing.
    expect((await removeMemberAs(db(), owner.actor, other.user.id)).ok).toBe(false);
    expect(await lines(owner.team.id, "member_left")).toHaveLength(2);
  });
});
