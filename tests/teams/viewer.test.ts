import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { media, mediaAssets, mediaGenerations, uploads } from "@/db/media-schema";
import { addMember, getMembership, listMembers } from "@/db/queries/teams";
import { invitations } from "@/db/schema";
import { getDb } from "@/lib/db";
import { createMediaAs } from "@/lib/media/create";
import { sandboxMedia } from "@/lib/sandbox/schema";
import { VIEWER_REFUSAL } from "@/lib/teams/service";
import { makeUser } from "../helpers/factories";
import {
  APP_URL,
  createParallax,
  downClient,
  type Env,
  FILE_SECRET,
  formOf,
  makeEnv,
  Redirected,
  upstreamJobs,
  world,
} from "../helpers/harness";
import { parallaxForm } from "../helpers/parallax";
import { png } from "../helpers/png";
import { html } from "../helpers/render";

// A viewer watches and downloads; every step that creates, changes or spends refuses them through
// its real door and changes nothing, and the pages offer them no such control.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());

const settings = await import("@/app/(app)/t/[team]/settings/actions");
const { acceptInvitationAction } = await import("@/app/invite/[token]/actions");
const mediaActions = await import("@/app/(app)/t/[team]/media/[id]/actions");
const { createMediaAction, retrySubmitAction } = await import("@/app/(app)/t/[team]/create/actions");
const GalleryPage = (await import("@/app/(app)/t/[team]/page")).default;
const MediaPage = (await import("@/app/(app)/t/[team]/media/[id]/page")).default;
const CreatePage = (await import("@/app/(app)/t/[team]/create/page")).default;
const SettingsPage = (await import("@/app/(app)/t/[team]/settings/page")).default;
const statusRoute = await import("@/app/api/t/[team]/media/status/route");
const assetRoute = await import("@/app/api/t/[team]/media/[id]/assets/[assetId]/route");
const downloadRoute = await import("@/app/api/t/[team]/media/[id]/download/route");
const uploadRoute = await import("@/app/api/t/[team]/uploads/route");
const uploadFileRoute = await import("@/app/api/t/[team]/uploads/[id]/route");
const thumbnailRoute = await import("@/app/api/t/[team]/uploads/[id]/thumbnail/route");

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

/** What a page shows, as HTML: the server component's tree rendered as the browser first gets it. */

/** Alice's team with one finished video, and Vera in it as a viewer. */
async function scene() {
  const alice = await makeUser("Alice");
  const vera = await makeUser("Vera");
  await addMember(db(), alice.team.id, vera.user.id, "viewer");
  const id = await createParallax(env, { teamId: alice.team.id, userId: alice.user.id });
  await env.sandbox.drain();
  await env.settle();
  const [asset] = await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id));
  const [upload] = await db().select().from(uploads);
  return { alice, vera, slug: alice.team.slug, id, assetId: asset!.id, uploadId: upload!.id };
}

/** Everything a refused step must leave alone: the team's media, their history and copies, upstream. */
async function snapshot(teamId: string) {
  return {
    media: await db().select().from(media).where(eq(media.teamId, teamId)),
    generations: await db().select().from(mediaGenerations),
    assets: await db().select().from(mediaAssets),
    uploads: (await db().select({ n: count() }).from(uploads))[0]!.n,
    upstream: await db().select().from(sandboxMedia),
  };
}

describe("inviting a viewer", () => {
  it("an owner invites as viewer; the invitee accepts, joins as a viewer and sees the role explained", async () => {
    const alice = await makeUser("Alice");
    const vera = await makeUser("Vera");
    world.userId = alice.user.id;
    const r = await settings.inviteAction(
      {},
      formOf({ team: alice.team.slug, email: vera.user.email!, role: "viewer" }),
    );
    expect(r).toMatchObject({ ok: true });
    const [inv] = await db().select().from(invitations);
    expect(inv!.role).toBe("viewer");

    world.userId = vera.user.id;
    const token = r.link!.split("/").pop()!;
    await expect(acceptInvitationAction({}, formOf({ token }))).rejects.toThrow(
      new Redirected(`/t/${alice.team.slug}`),
    );
    expect(await getMembership(db(), alice.team.id, vera.user.id)).toEqual({ role: "viewer" });
    expect((await listMembers(db(), alice.team.id)).map((m) => m.role).sort()).toEqual(["owner", "viewer"]);

    const page = await html(SettingsPage({ params: Promise.resolve({ team: alice.team.slug }) }));
    expect(page).toContain("Viewers can watch and download videos, but not create, change or spend.");
  });

  it("refuses a role that does not exist", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const r = await settings.inviteAction({}, formOf({ team: alice.team.slug, email: "x@example.com", role: "guest" }));
    expect(r.fieldErrors?.role).toEqual(["Choose owner, admin, member or viewer."]);
    expect(await db().select().from(invitations)).toEqual([]);
  });

  it("an admin makes a member a viewer and back; the last owner cannot become one", async () => {
    const alice = await makeUser("Alice");
    const adam = await makeUser("Adam");
    const bob = await makeUser("Bob");
    await addMember(db(), alice.team.id, adam.user.id, "admin");
    await addMember(db(), alice.team.id, bob.user.id, "member");
    const change = (userId: string, role: string) =>
      settings.changeRoleAction({}, formOf({ team: alice.team.slug, userId, role }));

    world.userId = adam.user.id;
    expect(await change(bob.user.id, "viewer")).toEqual({ ok: true, message: "Role updated." });
    expect(await getMembership(db(), alice.team.id, bob.user.id)).toEqual({ role: "viewer" });
    expect(await change(bob.user.id, "member")).toEqual({ ok: true, message: "Role updated." });
    expect(await getMembership(db(), alice.team.id, bob.user.id)).toEqual({ role: "member" });
    expect((await change(alice.user.id, "viewer")).error).toBe(
      "Only an owner can change an owner's role or make someone an owner.",
    );

    world.userId = alice.user.id;
    expect((await change(alice.user.id, "viewer")).error).toBe(
      "A team needs at least one owner. Make someone else an owner first.",
    );
    expect(await getMembership(db(), alice.team.id, alice.user.id)).toEqual({ role: "owner" });
  });
});

describe("a viewer", () => {
  it("opens the gallery and the video's page, and gets its status, copies, downloads and inputs", async () => {
    const { slug, id, assetId, uploadId, vera } = await scene();
    world.userId = vera.user.id;
    const gallery = await html(
      GalleryPage({ params: Promise.resolve({ team: slug }), searchParams: Promise.resolve({}) }),
    );
    expect(gallery).toContain(`/t/${slug}/media/${id}`);

    const status = await statusRoute.GET(new Request(`http://t/api/t/${slug}/media/status?ids=${id}`), {
      params: Promise.resolve({ team: slug }),
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ items: [{ id, status: "success" }] });
    const asset = await assetRoute.GET(new Request("http://t/a"), {
      params: Promise.resolve({ team: slug, id, assetId }),
    });
    expect(asset.status).toBe(200);
    const download = await downloadRoute.GET(new Request("http://t/d"), {
      params: Promise.resolve({ team: slug, id }),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/attachment/);
    for (const route of [uploadFileRoute, thumbnailRoute]) {
      const r = await route.GET(new Request("http://t/u"), { params: Promise.resolve({ team: slug, id: uploadId }) });
      expect(r.status).toBe(200);
    }
  });

  it("sees no control that creates, edits, resubmits, processes or remixes; a member does", async () => {
    const { slug, id, alice, vera } = await scene();
    const controls = ["New video", "Remix", 'data-testid="details-form"', "Resubmit", "Process again"];
    const pages = async () =>
      (await html(GalleryPage({ params: Promise.resolve({ team: slug }), searchParams: Promise.resolve({}) }))) +
      (await html(MediaPage({ params: Promise.resolve({ team: slug, id }) })));

    world.userId = alice.user.id;
    const owners = await pages();
    for (const c of controls) expect(owners).toContain(c);

    world.userId = vera.user.id;
    const viewers = await pages();
    for (const c of controls) expect(viewers).not.toContain(c);
    expect(viewers).toContain('data-testid="details-read-only"');
    expect(viewers).toContain("Download");
  });

  it("is not offered to send again a video that never reached Vimmerse; a member is", async () => {
    const alice = await makeUser("Alice");
    const vera = await makeUser("Vera");
    await addMember(db(), alice.team.id, vera.user.id, "viewer");
    const who = { teamId: alice.team.id, userId: alice.user.id };
    const deps = { db: db(), client: downClient(), storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
    const r = await createMediaAs(deps, who, await parallaxForm(db(), env.storage, who));
    expect(r.ok).toBe(false);
    const page = () => html(MediaPage({ params: Promise.resolve({ team: alice.team.slug, id: r.mediaId! }) }));

    world.userId = alice.user.id;
    expect(await page()).toContain("Retry sending to Vimmerse");
    world.userId = vera.user.id;
    const viewers = await page();
    expect(viewers).toContain("Not sent to Vimmerse yet");
    expect(viewers).not.toContain("Retry sending to Vimmerse");
  });

  it("is told at the Create page that viewers do not create, and gets no form", async () => {
    const { slug, vera } = await scene();
    world.userId = vera.user.id;
    const page = await html(CreatePage({ params: Promise.resolve({ team: slug }), searchParams: Promise.resolve({}) }));
    expect(page).toContain("Viewers can watch and download but not create");
    expect(page).not.toContain("<form");
  });

  it("is refused by every step that creates, changes or spends, and nothing changes here or upstream", async () => {
    const { alice, vera, slug, id } = await scene();
    const before = await snapshot(alice.team.id);
    const jobs = await upstreamJobs();
    world.userId = vera.user.id;
    const fields = {
      team: slug,
      mediaId: id,
      idempotencyKey: crypto.randomUUID(),
      title: "Viewer's cut",
      description: "",
      rating: "1",
      visibility: "2",
      motionType: "Parallax",
      prompt: "",
      quantity: "1",
      duration: "2",
      loop: "1",
      aspectRatio: "16:9",
    };
    const steps = [
      createMediaAction,
      retrySubmitAction,
      mediaActions.editDetailsAction,
      mediaActions.resubmitAction,
      mediaActions.processAgainAction,
    ];
    for (const step of steps) {
      expect((await step({}, formOf(fields))).error).toBe(VIEWER_REFUSAL);
    }
    const body = new FormData();
    body.set("file", new File([new Uint8Array(png()) as BlobPart], "photo.png", { type: "image/png" }));
    const upload = await uploadRoute.POST(
      new Request(`http://studio.test/api/t/${slug}/uploads`, { method: "POST", body }),
      { params: Promise.resolve({ team: slug }) },
    );
    expect(upload.status).toBe(404);

    expect(await snapshot(alice.team.id)).toEqual(before);
    expect(await upstreamJobs()).toEqual(jobs);
  });

  it("cannot invite, rename or manage members, but may leave the team", async () => {
    const { alice, vera, slug } = await scene();
    world.userId = vera.user.id;
    const invite = await settings.inviteAction({}, formOf({ team: slug, email: "friend@example.com", role: "viewer" }));
    expect(invite.error).toBe("Only owners and admins can invite people.");
    const promote = await settings.changeRoleAction({}, formOf({ team: slug, userId: vera.user.id, role: "member" }));
    expect(promote.error).toBe("Only owners and admins can manage members.");
    const rename = await settings.renameTeamAction({}, formOf({ team: slug, name: "Vera's now" }));
    expect(rename.error).toBe("Only owners and admins can rename the team.");
    const kick = await settings.removeMemberAction({}, formOf({ team: slug, userId: alice.user.id }));
    expect(kick.error).toBe("Only owners and admins can manage members.");
    expect(await db().select().from(invitations)).toEqual([]);
    expect(await getMembership(db(), alice.team.id, vera.user.id)).toEqual({ role: "viewer" });

    await expect(settings.removeMemberAction({}, formOf({ team: slug, userId: vera.user.id }))).rejects.toThrow(
      new Redirected("/app"),
    );
    expect(await getMembership(db(), alice.team.id, vera.user.id)).toBeNull();
    expect(await getMembership(db(), alice.team.id, alice.user.id)).toEqual({ role: "owner" });
  });
});
