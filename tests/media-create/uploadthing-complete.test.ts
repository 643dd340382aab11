import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { uploads } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import type { Storage } from "@/lib/storage/types";
import { makeUser } from "../helpers/factories";
import { world } from "../helpers/harness";
import { png } from "../helpers/png";
import { bilevelPng, jpeg, jpegWithGps } from "./image-fixtures";

// Files uploaded straight to uploadthing get the same checks when uploadthing reports them
// complete: read back from their public URL, refused (and deleted) when the bytes fail, and
// replaced by a clean copy when they carry EXIF. Uploadthing itself is stubbed: a store in memory
// and a fetch that serves its public URLs.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
// The app reads files back through the guarded fetcher, which asks DNS for app1.ufs.sh; here they
// are read through the stubbed fetch instead, with the same byte cap.
vi.mock("@/lib/uploads/remote-check", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/uploads/remote-check")>();
  return { ...real, readRemoteFile: (url: string) => real.readRemoteFile(url, globalThis.fetch) };
});

const { uploadRouter } = await import("@/lib/uploads/uploadthing-router");

type Complete = (args: unknown) => Promise<{ error?: string; uploadId?: string; previewUrl?: string }>;
const complete = (uploadRouter.createImage as unknown as { onUploadComplete: Complete }).onUploadComplete;

const HOST = "https://app1.ufs.sh/f/";
const files = new Map<string, Uint8Array>();
const deleted: string[] = [];
let n = 0;

function fakeUploadthing(): Storage {
  return {
    kind: "uploadthing",
    async put(_key, body) {
      const bytes = body instanceof Uint8Array ? body : new Uint8Array(await new Response(body).arrayBuffer());
      const key = `ut${++n}`;
      files.set(key, bytes);
      return { key, bytes: bytes.byteLength, url: HOST + key };
    },
    async get() {
      return null;
    },
    async delete(key) {
      deleted.push(key);
      files.delete(key);
    },
  };
}

/** As if the browser had just sent `bytes` to uploadthing under a fresh key. */
function sent(bytes: Uint8Array, name: string) {
  const key = `ut${++n}`;
  files.set(key, bytes);
  return { key, name, size: bytes.byteLength, ufsUrl: HOST + key, url: HOST + key, appUrl: HOST + key };
}

beforeEach(() => {
  world.storage = fakeUploadthing();
  files.clear();
  deleted.length = 0;
  vi.stubGlobal("fetch", async (url: string | URL | Request) => {
    const key = String(url).replace(HOST, "");
    const bytes = files.get(key);
    return bytes ? new Response(bytes as BodyInit) : new Response("not found", { status: 404 });
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("uploads completed on uploadthing", () => {
  it("records a genuine image as it was stored", async () => {
    const { user, team } = await makeUser("Alice");
    const file = sent(new Uint8Array(png(40, 30)), "a.png");
    const r = await complete({ metadata: { teamId: team.id, teamSlug: team.slug, userId: user.id }, file });
    expect(r.error).toBeUndefined();
    const [row] = await getDb().select().from(uploads);
    expect(row).toMatchObject({ storage: "uploadthing", storageKey: file.key, contentType: "image/png" });
    expect(deleted).toEqual([]);
  });

  it("deletes a pixel bomb and a broken file, recording nothing", async () => {
    const { user, team } = await makeUser("Alice");
    const metadata = { teamId: team.id, teamSlug: team.slug, userId: user.id };
    const bomb = sent(bilevelPng(16000, 16000), "bomb.png");
    expect((await complete({ metadata, file: bomb })).error).toBe(
      '"bomb.png" is 16000×16000 pixels; images can be at most 8000 pixels a side and 40 megapixels.',
    );
    const jpg = await jpeg();
    const cut = sent(jpg.subarray(0, jpg.length - 2), "cut.jpg");
    expect((await complete({ metadata, file: cut })).error).toMatch(/^"cut\.jpg" is a damaged JPEG image/);
    expect(deleted).toEqual([bomb.key, cut.key]);
    expect(await getDb().select().from(uploads)).toHaveLength(0);
  });

  it("replaces a photo carrying EXIF GPS with a clean copy", async () => {
    const { user, team } = await makeUser("Alice");
    const file = sent(await jpegWithGps(), "holiday.jpg");
    const r = await complete({ metadata: { teamId: team.id, teamSlug: team.slug, userId: user.id }, file });
    expect(r.error).toBeUndefined();
    const [row] = await getDb().select().from(uploads);
    expect(row!.storageKey).not.toBe(file.key);
    // Pages show its thumbnail, stored beside it (tests/media-create/thumbnails.test.ts).
    expect(r.previewUrl).toBe(`/api/t/${team.slug}/uploads/${row!.id}/thumbnail`);
    expect(deleted).toEqual([file.key]);
    const meta = await sharp(files.get(row!.storageKey)!).metadata();
    expect(meta.exif).toBeUndefined();
    expect(row).toMatchObject({ storage: "uploadthing", contentType: "image/jpeg", name: "holiday.jpg" });
  });
});
