import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { media, mediaAssets, mediaGenerations } from "@/db/media-schema";
import { memberships } from "@/db/schema";
import { getDb } from "@/lib/db";
import { sandboxMedia } from "@/lib/sandbox/schema";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, formOf, makeEnv, world } from "../helpers/harness";

// Every member of a team sees and acts on its media; nobody else can, by any page, action,
// route, download or guessed id: a 404 (or a refusal) and nothing changes.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
  useRouter: () => ({}),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());

const actions = await import("@/app/(app)/t/[team]/media/[id]/actions");
const { retrySubmitAction } = await import("@/app/(app)/t/[team]/create/actions");
const GalleryPage = (await import("@/app/(app)/t/[team]/page")).default;
const MediaPage = (await import("@/app/(app)/t/[team]/media/[id]/page")).default;
const statusRoute = await import("@/app/api/t/[team]/media/status/route");
const assetRoute = await import("@/app/api/t/[team]/media/[id]/assets/[assetId]/route");
const downloadRoute = await import("@/app/api/t/[team]/media/[id]/download/route");

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

async function scene() {
  const alice = await makeUser("Alice");
  const mallory = await makeUser("Mallory");
  const id = await createParallax(env, { teamId: alice.team.id, userId: alice.user.id });
  await env.sandbox.drain();
  await env.settle();
  const [asset] = await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id));
  return { alice, mallory, id, assetId: asset!.id };
}

/** Everything that must not change: the media, its history, its copies, and upstream. */
async function snapshot(id: string) {
  const [m] = await db().select().from(media).where(eq(media.id, id));
  return {
    media: m,
    generations: await db().select().from(mediaGenerations).where(eq(mediaGenerations.mediaId, id)),
    assets: await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id)),
    upstream: (await db().select().from(sandboxMedia).where(eq(sandboxMedia.id, m!.upstreamId!)))[0],
  };
}

const page = (p: Promise<unknown>) =>
  p.then(
    () => "rendered",
    (e: Error) => e.message,
  );
const routeStatus = {
  status: (slug: string, id: string) =>
    statusRoute.GET(new Request(`http://t/api/t/${slug}/media/status?ids=${id}`), {
      params: Promise.resolve({ team: slug }),
    }),
  asset: (slug: string, id: string, assetId: string) =>
    assetRoute.GET(new Request("http://t/a"), { params: Promise.resolve({ team: slug, id, assetId }) }),
  download: (slug: string, id: string, q = "") =>
    downloadRoute.GET(new Request(`http://t/d${q}`), { params: Promise.resolve({ team: slug, id }) }),
};

describe("another team's user", () => {
  it("gets a 404 for the gallery and the video's page, by the owner's URL or a guessed one", async () => {
    const { alice, mallory, id } = await scene();
    world.userId = alice.user.id;
    expect(await page(MediaPage({ params: Promise.resolve({ team: alice.team.slug, id }) }))).toBe("rendered");
    expect(
      await page(
        GalleryPage({ params: Promise.resolve({ team: alice.team.slug }), searchParams: Promise.resolve({}) }),
      ),
    ).toBe("rendered");

    world.userId = mallory.user.id;
    expect(
      await page(
        GalleryPage({ params: Promise.resolve({ team: alice.team.slug }), searchParams: Promise.resolve({}) }),
      ),
    ).toBe("NOT_FOUND");
    expect(await page(MediaPage({ params: Promise.resolve({ team: alice.team.slug, id }) }))).toBe("NOT_FOUND");
    expect(await page(MediaPage({ params: Promise.resolve({ team: mallory.team.slug, id }) }))).toBe("NOT_FOUND");
    expect(await page(MediaPage({ params: Promise.resolve({ team: mallory.team.slug, id: "not-a-uuid" }) }))).toBe(
      "NOT_FOUND",
    );
  });

  it("gets 404s (and no data) from the status, asset and download routes", async () => {
    const { alice, mallory, id, assetId } = await scene();
    for (const who of [mallory.user.id, null]) {
      world.userId = who;
      for (const slug of [alice.team.slug, mallory.team.slug]) {
        const s = await routeStatus.status(slug, id);
        const body = await s.text();
        expect(body).not.toContain("success");
        if (slug === alice.team.slug || !who) expect(s.status).toBe(404);
        else expect(JSON.parse(body)).toEqual({ items: [] });
        expect((await routeStatus.asset(slug, id, assetId)).status).toBe(404);
        expect((await routeStatus.download(slug, id)).status).toBe(404);
        expect((await routeStatus.download(slug, id, "?width=480")).status).toBe(404);
      }
    }
    world.userId = alice.user.id;
    expect((await routeStatus.asset(alice.team.slug, id, assetId)).status).toBe(200);
  });

  it("is refused by every action, and nothing changes here or upstream", async () => {
    const { alice, mallory, id } = await scene();
    const before = await snapshot(id);
    world.userId = mallory.user.id;
    const fields = {
      mediaId: id,
      title: "Hijacked",
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
    for (const slug of [alice.team.slug, mallory.team.slug]) {
      const expected =
        slug === alice.team.slug
          ? "That team doesn't exist or you are not a member of it."
          : "That video doesn't exist in this team.";
      const form = () => formOf({ team: slug, ...fields });
      expect((await actions.editDetailsAction({}, form())).error).toBe(expected);
      expect((await actions.resubmitAction({}, form())).error).toBe(expected);
      expect((await actions.processAgainAction({}, form())).error).toBe(expected);
      expect((await retrySubmitAction({}, form())).error).toMatch(/doesn't exist/);
    }
    expect(await snapshot(id)).toEqual(before);
  });
});

describe("a teammate", () => {
  it("sees, plays and edits the team's media", async () => {
    const { alice, id, assetId } = await scene();
    const bob = await makeUser("Bob");
    await db().insert(memberships).values({ teamId: alice.team.id, userId: bob.user.id, role: "member" });
    world.userId = bob.user.id;
    expect(await page(MediaPage({ params: Promise.resolve({ team: alice.team.slug, id }) }))).toBe("rendered");
    expect((await routeStatus.asset(alice.team.slug, id, assetId)).status).toBe(200);
    expect((await routeStatus.download(alice.team.slug, id)).status).toBe(200);
    const r = await actions.editDetailsAction(
      {},
      formOf({
        team: alice.team.slug,
        mediaId: id,
        title: "Bob's cut",
        description: "",
        rating: "none",
        visibility: "0",
      }),
    );
    expect(r).toMatchObject({ ok: true });
    expect((await db().select().from(media).where(eq(media.id, id)))[0]!.title).toBe("Bob's cut");
  });
});
