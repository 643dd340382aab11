import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { uploads } from "@/db/media-schema";
import { recordUpload } from "@/db/queries/uploads";
import { getDb } from "@/lib/db";
import { toCards } from "@/lib/media/gallery-cards";
import type { Storage } from "@/lib/storage/types";
import { uploadView } from "@/lib/uploads/view";
import { urls } from "@/lib/urls";
import { makeUser } from "../helpers/factories";
import { tempStorage, world } from "../helpers/harness";
import { png } from "../helpers/png";
import { jpegWithGps } from "./image-fixtures";

// Uploads get a small WebP (480 px on the longest side) that cards and previews show instead of
// the upload, served to the team's members only; uploads made before thumbnails fall back to
// the upload itself.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
// Uploadthing's public URLs are read back from this map (the network is not the subject here).
const utFiles = new Map<string, Uint8Array>();
vi.mock("@/lib/uploads/remote-check", () => ({
  readRemoteFile: async (url: string) => {
    const bytes = utFiles.get(url.split("/").pop()!);
    return bytes ? { ok: true, bytes } : { ok: false, reason: "unreachable" };
  },
}));

const uploadRoute = await import("@/app/api/t/[team]/uploads/route");
const thumbnailRoute = await import("@/app/api/t/[team]/uploads/[id]/thumbnail/route");
const { uploadRouter } = await import("@/lib/uploads/uploadthing-router");

const db = () => getDb();

async function upload(slug: string, bytes: Uint8Array, name: string, type = "image/png") {
  const body = new FormData();
  body.set("file", new File([bytes as BlobPart], name, { type }));
  const res = await uploadRoute.POST(new Request(`http://app.test/api/t/${slug}/uploads`, { method: "POST", body }), {
    params: Promise.resolve({ team: slug }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { upload: { id: string; previewUrl: string } }).upload;
}

const getThumbnail = (slug: string, id: string) =>
  thumbnailRoute.GET(new Request(`http://app.test${urls.uploadThumbnail(slug, id)}`), {
    params: Promise.resolve({ team: slug, id }),
  });

const rowOf = async (id: string) => (await db().select().from(uploads).where(eq(uploads.id, id)))[0]!;

/** A photo-like 2000×1500 PNG: a gradient with fine detail, so it weighs what a real one does. */
const bigPng = () =>
  sharp(png(2000, 1500, [255, 180, 90]))
    .composite([
      {
        input: Buffer.from(new Uint8Array(2000 * 1500).map((_, i) => (i * 2654435761) >>> 24)),
        raw: { width: 2000, height: 1500, channels: 1 },
        blend: "overlay",
      },
    ])
    .png()
    .toBuffer()
    .then((b) => new Uint8Array(b));

beforeEach(() => {
  world.storage = tempStorage();
  world.userId = null;
});

describe("an upload through the app gets a thumbnail", () => {
  it("a 2000×1500 PNG makes a metadata-free 480×360 WebP, much smaller, served with a long cache", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const original = await bigPng();
    const view = await upload(alice.team.slug, original, "big.png");
    const row = await rowOf(view.id);
    expect(row.thumbnailKey).toBe(
      `uploads/${alice.team.id}/${row.storageKey
        .split("/")
        .pop()!
        .replace(/\.png$/, "")}.thumb.webp`,
    );
    expect(view.previewUrl).toBe(urls.uploadThumbnail(alice.team.slug, view.id));

    const res = await getThumbnail(alice.team.slug, view.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const thumb = new Uint8Array(await res.arrayBuffer());
    const meta = await sharp(thumb).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 480, height: 360 });
    expect(meta.exif ?? meta.icc ?? meta.xmp ?? meta.iptc).toBeUndefined();
    expect(thumb.byteLength).toBeLessThan(original.byteLength / 20);
    // The upload itself is what it was: what is sent to Vimmerse.
    expect(row.bytes).toBe(original.byteLength);
  });

  it("turns a phone photo upright, drops its GPS, and never enlarges a small image", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const view = await upload(alice.team.slug, await jpegWithGps(), "holiday.jpg", "image/jpeg");
    const thumb = new Uint8Array(await (await getThumbnail(alice.team.slug, view.id)).arrayBuffer());
    const meta = await sharp(thumb).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 64, height: 96 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it("is not served to another team, nor to anyone signed out", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    world.userId = alice.user.id;
    const view = await upload(alice.team.slug, new Uint8Array(png(640, 480)), "a.png");
    world.userId = bob.user.id;
    // Bob through his own team, and through Alice's (he is not a member): both as if there were none.
    expect((await getThumbnail(bob.team.slug, view.id)).status).toBe(404);
    expect((await getThumbnail(alice.team.slug, view.id)).status).toBe(404);
    world.userId = null;
    expect((await getThumbnail(alice.team.slug, view.id)).status).not.toBe(200);
  });
});

describe("pages show the thumbnail", () => {
  it("a gallery card's backdrop and an upload's preview point at it", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const view = await upload(alice.team.slug, new Uint8Array(png(640, 480)), "a.png");
    const row = {
      id: "5d0c3f7e-94a2-4d2e-9d57-0d7f1c1f0b01",
      title: "Sunset",
      motionType: "Parallax",
      inputImage: view.id,
      status: "processing",
      progress: 10,
      bulletVersion: null,
      expected: 1,
      finishedAt: null,
      createdAt: new Date(),
      creatorName: "Alice",
      creatorEmail: null,
    } as unknown as Parameters<typeof toCards>[1][number];
    const [card] = toCards(alice.team.slug, [row], []);
    expect(card!.inputUrl).toBe(`/api/t/${alice.team.slug}/uploads/${view.id}/thumbnail`);
    expect(uploadView(alice.team.slug, await rowOf(view.id)).previewUrl).toBe(card!.inputUrl);
  });

  it("an upload made before thumbnails falls back to the upload itself", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const bytes = new Uint8Array(png(64, 48));
    const storage = world.storage!;
    const key = `uploads/${alice.team.id}/old.png`;
    await storage.put(key, bytes, "image/png");
    const old = await recordUpload(db(), {
      teamId: alice.team.id,
      uploadedBy: alice.user.id,
      storage: "local",
      storageKey: key,
      url: null,
      name: "old.png",
      contentType: "image/png",
      bytes: bytes.byteLength,
    });
    expect(uploadView(alice.team.slug, old).previewUrl).toBe(urls.upload(alice.team.slug, old.id));
    const res = await getThumbnail(alice.team.slug, old.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).not.toMatch(/immutable/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });
});

describe("an upload completed on uploadthing gets a thumbnail too", () => {
  const HOST = "https://app1.ufs.sh/f/";
  const files = utFiles;
  let n = 0;
  const store: Storage = {
    kind: "uploadthing",
    async put(_key, body) {
      const key = `ut${++n}`;
      files.set(key, body as Uint8Array);
      return { key, bytes: (body as Uint8Array).byteLength, url: HOST + key };
    },
    async get(key) {
      const bytes = files.get(key);
      return bytes ? { body: new Response(bytes as BodyInit).body!, contentType: "image/webp" } : null;
    },
    async delete(key) {
      files.delete(key);
    },
  };
  type Complete = (args: unknown) => Promise<{ uploadId?: string; previewUrl?: string }>;
  const complete = (uploadRouter.createImage as unknown as { onUploadComplete: Complete }).onUploadComplete;

  beforeEach(() => {
    world.storage = store;
    files.clear();
  });

  it("stores one thumbnail per upload, even when uploadthing reports the file twice", async () => {
    const { user, team } = await makeUser("Alice");
    world.userId = user.id;
    const key = `ut${++n}`;
    files.set(key, new Uint8Array(png(960, 720)));
    const file = { key, name: "a.png", size: files.get(key)!.byteLength, ufsUrl: HOST + key };
    const metadata = { teamId: team.id, teamSlug: team.slug, userId: user.id };
    const first = await complete({ metadata, file });
    const again = await complete({ metadata, file });
    expect(again.uploadId).toBe(first.uploadId);
    const row = await rowOf(first.uploadId!);
    expect(row).toMatchObject({ storageKey: key, url: HOST + key });
    expect(first.previewUrl).toBe(urls.uploadThumbnail(team.slug, row.id));
    // The upload and its one thumbnail; the second report's thumbnail was removed again.
    expect([...files.keys()].sort()).toEqual([key, row.thumbnailKey].sort());
    const thumb = await (await getThumbnail(team.slug, row.id)).arrayBuffer();
    expect(await sharp(Buffer.from(thumb)).metadata()).toMatchObject({ format: "webp", width: 480, height: 360 });
  });
});
