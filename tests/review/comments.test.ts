import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mediaComments } from "@/db/library-schema";
import { mediaGenerations } from "@/db/media-schema";
import { addMember } from "@/db/queries/teams";
import type { TeamRole } from "@/db/schema";
import { getDb } from "@/lib/db";
import { MEDIA_MISSING } from "@/lib/media/errors";
import { COMMENT_MISSING, NOT_A_PARENT, NOT_A_VERSION, RESOLVE_REFUSAL, REVIEW_REFUSAL } from "@/lib/review/comments";
import { loadReview } from "@/lib/review/view";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, formOf, makeEnv, world } from "../helpers/harness";
import { html } from "../helpers/render";

// Review through its real doors: comments and replies at a time, @mentions of this team's people
// only, resolving (author, admins, owners) and a version's verdict (members and above), each
// scoped to the team: another team's media, comment or version is unknown and nothing is written.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());

const { addCommentAction, resolveCommentAction, setReviewAction } = await import(
  "@/app/(app)/t/[team]/media/[id]/review-actions"
);
const MediaPage = (await import("@/app/(app)/t/[team]/media/[id]/page")).default;

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

/** Alice owns a team with a finished video; Bob is a member, Vera a viewer, Adam an admin. */
async function scene() {
  const alice = await makeUser("Alice");
  const people: Record<string, Awaited<ReturnType<typeof makeUser>>> = { alice };
  for (const [name, role] of [
    ["Bob", "member"],
    ["Vera", "viewer"],
    ["Wendy", "viewer"],
    ["Adam", "admin"],
  ] as [string, TeamRole][]) {
    people[name.toLowerCase()] = await makeUser(name);
    await addMember(db(), alice.team.id, people[name.toLowerCase()]!.user.id, role);
  }
  const id = await createParallax(env, { teamId: alice.team.id, userId: alice.user.id });
  await env.sandbox.drain();
  await env.settle();
  const [generation] = await db().select().from(mediaGenerations).where(eq(mediaGenerations.mediaId, id));
  const slug = alice.team.slug;
  const as = (who: { user: { id: string } }) => {
    world.userId = who.user.id;
    return {
      comment: (fields: Record<string, string>) =>
        addCommentAction({}, formOf({ team: slug, mediaId: id, generationId: generation!.id, ...fields })),
      resolve: (commentId: string, resolved = "1") =>
        resolveCommentAction({}, formOf({ team: slug, commentId, resolved })),
      review: (review: string, fields: Record<string, string> = {}) =>
        setReviewAction({}, formOf({ team: slug, mediaId: id, generationId: generation!.id, review, ...fields })),
    };
  };
  return {
    ...(people as Record<"alice" | "bob" | "vera" | "wendy" | "adam", typeof alice>),
    id,
    generation: generation!,
    slug,
    as,
  };
}

const comments = () => db().select().from(mediaComments).orderBy(mediaComments.createdAt);
const commentCount = async () => (await db().select({ n: count() }).from(mediaComments))[0]!.n;
const viewOf = (who: { user: { id: string }; team: { id: string } }, role: TeamRole, teamId: string, id: string) =>
  loadReview(db(), { userId: who.user.id, teamId, role }, id);

describe("comments and replies", () => {
  it("a viewer comments at a time, a member replies; the list is oldest first with replies under their thread", async () => {
    const s = await scene();
    expect(await s.as(s.vera).comment({ body: "  The camera jumps here.  ", timecode: "0:07" })).toMatchObject({
      ok: true,
    });
    expect(await s.as(s.alice).comment({ body: "Whole take looks great", timecodeMs: "1250.6" })).toMatchObject({
      ok: true,
    });
    const [first, second] = await comments();
    expect(first).toMatchObject({ body: "The camera jumps here.", timecodeMs: 7000, generationId: s.generation.id });
    expect(second!.timecodeMs).toBe(1251);

    // A reply joins the thread on its version, with no time of its own; a reply to a reply joins it too.
    expect(
      await s.as(s.bob).comment({ body: "Fixed in the next take", parentId: first!.id, timecode: "0:09" }),
    ).toEqual({
      ok: true,
      message: "Reply added.",
    });
    const reply = (await comments())[2]!;
    expect(reply).toMatchObject({ parentId: first!.id, generationId: s.generation.id, timecodeMs: null });
    await s.as(s.vera).comment({ body: "Thanks", parentId: reply.id });
    expect((await comments())[3]!.parentId).toBe(first!.id);

    const view = await viewOf(s.vera, "viewer", s.alice.team.id, s.id);
    expect(view.current).toMatchObject({ id: s.generation.id, number: 1, review: null, comments: 4 });
    expect(view.threads.map((t) => [t.author, t.timecodeMs, t.replies.map((r) => r.author)])).toEqual([
      ["Vera", 7000, ["Bob", "Vera"]],
      ["Alice", 1251, []],
    ]);
    expect(view.canReview).toBe(false);
    // A viewer resolves her own thread only.
    expect(view.threads.map((t) => t.canResolve)).toEqual([true, false]);
  });

  it("refuses an empty or too long body and an unreadable time, writing nothing", async () => {
    const s = await scene();
    const a = s.as(s.bob);
    expect((await a.comment({ body: "   " })).fieldErrors?.body).toEqual(["Write a comment."]);
    expect((await a.comment({ body: "x".repeat(2001) })).fieldErrors?.body).toHaveLength(1);
    const bad = await a.comment({ body: "ok", timecode: "later" });
    expect(bad.fieldErrors?.timecode).toHaveLength(1);
    expect(bad.values).toEqual({ body: "ok", timecode: "later" });
    expect(await commentCount()).toBe(0);
  });

  it("resolves @mentions to this team's members only", async () => {
    const s = await scene();
    const carol = await makeUser("Carol"); // in her own team only
    await s.as(s.alice).comment({
      body: `@Bob and @${s.vera.user.email} please look; @Carol and @${carol.user.email} are not here`,
    });
    const [c] = await comments();
    expect(c!.mentions).toEqual([s.bob.user.id, s.vera.user.id]);
    const [thread] = (await viewOf(s.alice, "owner", s.alice.team.id, s.id)).threads;
    expect(thread!.segments.filter((x) => x.userId).map((x) => x.text)).toEqual(["@Bob", `@${s.vera.user.email}`]);
  });

  it("another team's media, version or comment is unknown, and nothing is written", async () => {
    const s = await scene();
    const eve = await makeUser("Eve");
    const eveMedia = await createParallax(env, { teamId: eve.team.id, userId: eve.user.id });
    const [eveGen] = await db().select().from(mediaGenerations).where(eq(mediaGenerations.mediaId, eveMedia));
    world.userId = eve.user.id;
    await addCommentAction({}, formOf({ team: eve.team.slug, mediaId: eveMedia, body: "mine" }));
    const [eveComment] = await comments();

    const a = s.as(s.bob);
    expect(await a.comment({ mediaId: eveMedia, body: "hello" })).toMatchObject({ error: MEDIA_MISSING });
    expect(await a.comment({ generationId: eveGen!.id, body: "hello" })).toMatchObject({ error: NOT_A_VERSION });
    expect(await a.comment({ parentId: eveComment!.id, body: "hello" })).toMatchObject({ error: NOT_A_PARENT });
    expect(await s.as(s.adam).resolve(eveComment!.id)).toMatchObject({ error: COMMENT_MISSING });
    expect(await s.as(s.bob).review("approved", { mediaId: eveMedia, generationId: eveGen!.id })).toEqual({
      error: MEDIA_MISSING,
    });
    expect(await s.as(s.bob).review("approved", { generationId: eveGen!.id })).toMatchObject({ error: NOT_A_VERSION });
    // Eve, through Alice's team door, is not a member there.
    world.userId = eve.user.id;
    const outsider = await addCommentAction({}, formOf({ team: s.slug, mediaId: s.id, body: "sneaky" }));
    expect(outsider.error).toBeTruthy();
    expect(outsider.ok).toBeUndefined();

    expect(await commentCount()).toBe(1);
    expect((await comments())[0]!.resolvedAt).toBeNull();
    expect((await db().select().from(mediaGenerations)).every((g) => g.review === null)).toBe(true);
    expect((await viewOf(s.bob, "member", s.alice.team.id, eveMedia)).threads).toEqual([]);
  });

  it("refuses a parent from another media of the same team", async () => {
    const s = await scene();
    const other = await createParallax(env, { teamId: s.alice.team.id, userId: s.alice.user.id });
    world.userId = s.alice.user.id;
    await addCommentAction({}, formOf({ team: s.slug, mediaId: other, body: "on the other one" }));
    const [parent] = await comments();
    expect(await s.as(s.bob).comment({ parentId: parent!.id, body: "wrong place" })).toMatchObject({
      error: NOT_A_PARENT,
    });
    expect(await commentCount()).toBe(1);
  });
});

describe("resolving", () => {
  it("the author, admins and owners resolve and reopen; other members and viewers cannot; replies are not resolved alone", async () => {
    const s = await scene();
    await s.as(s.vera).comment({ body: "Vera's note" });
    const [c] = await comments();
    expect(await s.as(s.wendy).resolve(c!.id)).toMatchObject({ error: RESOLVE_REFUSAL });
    expect(await s.as(s.bob).resolve(c!.id)).toMatchObject({ error: RESOLVE_REFUSAL });
    expect((await comments())[0]!.resolvedAt).toBeNull();

    expect(await s.as(s.vera).resolve(c!.id)).toMatchObject({ ok: true, message: "Resolved." });
    expect((await comments())[0]).toMatchObject({ resolvedBy: s.vera.user.id });
    expect(await s.as(s.adam).resolve(c!.id, "0")).toMatchObject({ ok: true, message: "Reopened." });
    expect((await comments())[0]).toMatchObject({ resolvedBy: null, resolvedAt: null });
    expect(await s.as(s.alice).resolve(c!.id)).toMatchObject({ ok: true });

    const view = await viewOf(s.bob, "member", s.alice.team.id, s.id);
    expect(view.threads[0]!.resolved?.by).toBe("Alice");

    await s.as(s.bob).comment({ body: "a reply", parentId: c!.id });
    const reply = (await comments())[1]!;
    expect((await s.as(s.bob).resolve(reply.id)).error).toMatch(/thread/);
    expect(await s.as(s.bob).resolve("not-an-id")).toMatchObject({ error: COMMENT_MISSING });
  });
});

describe("a version's review", () => {
  it("members set and clear Approved / Changes requested; a viewer cannot", async () => {
    const s = await scene();
    const gen = async () =>
      (await db().select().from(mediaGenerations).where(eq(mediaGenerations.id, s.generation.id)))[0]!;

    expect(await s.as(s.vera).review("approved")).toMatchObject({ error: REVIEW_REFUSAL });
    expect((await gen()).review).toBeNull();

    expect(await s.as(s.bob).review("changes_requested")).toMatchObject({ ok: true, message: "Changes requested." });
    expect(await gen()).toMatchObject({ review: "changes_requested", reviewedBy: s.bob.user.id });
    expect(await s.as(s.alice).review("approved")).toMatchObject({ ok: true, message: "Approved." });
    expect(await gen()).toMatchObject({ review: "approved", reviewedBy: s.alice.user.id });
    const view = await viewOf(s.bob, "member", s.alice.team.id, s.id);
    expect(view.current).toMatchObject({ review: "approved", reviewer: "Alice" });
    expect(view.canReview).toBe(true);

    expect(await s.as(s.bob).review("clear")).toMatchObject({ ok: true, message: "Review cleared." });
    expect(await gen()).toMatchObject({ review: null, reviewedBy: null, reviewedAt: null });
    expect((await s.as(s.bob).review("maybe")).error).toMatch(/Approve/);
  });
});

describe("the media page", () => {
  it("shows the Review card: threads with their time and mentions; verdict buttons for members, not viewers", async () => {
    const s = await scene();
    await s.as(s.bob).comment({ body: "Look @Vera", timecode: "0:07" });
    const page = () => html(MediaPage({ params: Promise.resolve({ team: s.slug, id: s.id }) }));
    world.userId = s.bob.user.id;
    const member = await page();
    expect(member).toContain('data-testid="review-card"');
    expect(member).toContain(">0:07<");
    expect(member).toMatch(/<mark[^>]*data-testid="mention"[^>]*>@Vera<\/mark>/);
    expect(member).toContain(">Approve<");
    expect(member).toContain("At current time");

    world.userId = s.vera.user.id;
    const viewer = await page();
    expect(viewer).toContain('data-testid="comment-form"');
    expect(viewer).not.toContain(">Approve<");
  });
});
