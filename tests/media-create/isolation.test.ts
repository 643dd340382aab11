import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { media, uploads } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { makeUser } from "../helpers/factories";
import { downClient, formOf, tempStorage, world } from "../helpers/harness";
import { png } from "../helpers/png";

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());

const { createMediaAction, retrySubmitAction } = await import("@/app/(app)/t/[team]/create/actions");
const uploadRoute = await import("@/app/api/t/[team]/uploads/route");
const uploadFileRoute = await import("@/app/api/t/[team]/uploads/[id]/route");

const db = () => getDb();
const PNG = new Uint8Array(png());

async function upload(slug: string, bytes: Uint8Array, name = "photo.png") {
  const body = new FormData();
  body.set("file", new File([bytes as BlobPart], name, { type: "image/png" }));
  const res = await uploadRoute.POST(new Request(`http://app.test/api/t/${slug}/uploads`, { method: "POST", body }), {
    params: Promise.resolve({ team: slug }),
  });
  return {
    status: res.status,
    json: (await res.json()) as { upload?: { id: string; previewUrl: string }; error?: string },
  };
}

const readUpload = (slug: string, id: string) =>
  uploadFileRoute.GET(new Request(`http://app.test/api/t/${slug}/uploads/${id}`), {
    params: Promise.resolve({ team: slug, id }),
  });

beforeEach(() => {
  world.storage = tempStorage();
  world.client = downClient();
  world.userId = null;
});

describe("uploads through the app", () => {
  it("stores a real image for the team and serves it back to members", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const r = await upload(alice.team.slug, PNG);
    expect(r.status).toBe(201);
    const [row] = await db().select().from(uploads);
    expect(row).toMatchObject({
      teamId: alice.team.id,
      uploadedBy: alice.user.id,
      storage: "local",
      contentType: "image/png",
      name: "photo.png",
    });
    const res = await readUpload(alice.team.slug, r.json.upload!.id);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });

  it("refuses a renamed .exe and an oversized image by content and size, recording nothing", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const exe = await upload(alice.team.slug, new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), "cat.png");
    expect(exe).toEqual({ status: 422, json: { error: '"cat.png" is not a PNG, JPEG or WebP image.' } });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = await upload(alice.team.slug, big, "big.png");
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error).toMatch(/larger than 10 MB/);
    expect(await db().select().from(uploads)).toHaveLength(0);
  });

  it("refuses signed-out visitors and non-members", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    expect((await upload(alice.team.slug, PNG)).status).toBe(404);
    world.userId = bob.user.id;
    expect((await upload(alice.team.slug, PNG)).status).toBe(404);
    expect(await db().select().from(uploads)).toHaveLength(0);
  });
});

describe("team isolation", () => {
  it("another team's member cannot read a team's uploads, nor use them in a create", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    world.userId = alice.user.id;
    const { json } = await upload(alice.team.slug, PNG);
    const id = json.upload!.id;

    world.userId = bob.user.id;
    expect((await readUpload(alice.team.slug, id)).status).toBe(404);
    expect((await readUpload(bob.team.slug, id)).status).toBe(404);
    const state = await createMediaAction(
      {},
      formOf({ team: bob.team.slug, idempotencyKey: crypto.randomUUID(), motionType: "Parallax", firstImage: id }),
    );
    expect(state.fieldErrors?.firstImage?.[0]).toMatch(/not available/);
    expect(await db().select().from(media)).toHaveLength(0);
  });

  it("another team's member cannot create into a team", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    world.userId = bob.user.id;
    const state = await createMediaAction(
      {},
      formOf({ team: alice.team.slug, idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    expect(state.error).toMatch(/not a member/);
    expect(await db().select().from(media)).toHaveLength(0);
  });

  it("another team's member cannot retry a team's media", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    world.userId = alice.user.id;
    const made = await createMediaAction(
      {},
      formOf({ team: alice.team.slug, idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    expect(made.mediaId).toBeDefined();
    const [before] = await db().select().from(media);

    world.userId = bob.user.id;
    const calls = { n: 0 };
    world.client = downClient(calls);
    expect((await retrySubmitAction({}, formOf({ team: alice.team.slug, mediaId: made.mediaId! }))).error).toMatch(
      /not a member/,
    );
    expect((await retrySubmitAction({}, formOf({ team: bob.team.slug, mediaId: made.mediaId! }))).error).toMatch(
      /doesn't exist/,
    );
    expect(calls.n).toBe(0);
    const [after] = await db().select().from(media).where(eq(media.id, made.mediaId!));
    expect(after).toEqual(before);
  });

  it("signed-out requests are refused", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const made = await createMediaAction(
      {},
      formOf({ team: alice.team.slug, idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    const [before] = await db().select().from(media);

    world.userId = null;
    const calls = { n: 0 };
    world.client = downClient(calls);
    // Refused as form state: no redirect to the new video, nothing made, nothing retried.
    const state = await createMediaAction(
      {},
      formOf({ team: alice.team.slug, idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    expect(state).toEqual({ error: "That team doesn't exist or you are not a member of it." });
    expect((await retrySubmitAction({}, formOf({ team: alice.team.slug, mediaId: made.mediaId! }))).error).toMatch(
      /not a member/,
    );
    expect(calls.n).toBe(0);
    expect(await db().select().from(media)).toEqual([before]);
  });
});
