import { beforeAll, describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/limits";
import { checkImage, sniffImageType } from "@/lib/uploads/magic";
import { readRemoteFile } from "@/lib/uploads/remote-check";
import { png } from "../helpers/png";
import { jpeg, pngOfSize, webp } from "./image-fixtures";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
const TEXT = new TextEncoder().encode("this is not an image, just text\n");
const GIF = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");

// Whole, genuine files for checkImage, which reads headers and structure past the first bytes.
const REAL = { png: new Uint8Array(png(16, 16)), jpeg: new Uint8Array(), webp: new Uint8Array() };
beforeAll(async () => {
  REAL.jpeg = await jpeg();
  REAL.webp = await webp();
});

describe("magic bytes", () => {
  it("recognises PNG, JPEG and WebP by content", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(WEBP)).toBe("image/webp");
  });

  it("accepts them whatever the name says", () => {
    expect(checkImage("photo.txt", REAL.png)).toEqual({
      ok: true,
      contentType: "image/png",
      ext: "png",
      width: 16,
      height: 16,
      lossless: false,
    });
    expect(checkImage("x", REAL.webp)).toMatchObject({ ok: true, ext: "webp" });
    expect(checkImage("photo.webp", REAL.jpeg)).toMatchObject({ ok: true, contentType: "image/jpeg", ext: "jpg" });
  });

  it("refuses a renamed .exe, text and GIF with a clear message", () => {
    expect(checkImage("holiday.png", EXE)).toEqual({
      ok: false,
      error: '"holiday.png" is not a PNG, JPEG or WebP image.',
    });
    expect(checkImage("notes.jpg", TEXT).ok).toBe(false);
    expect(checkImage("anim.gif", GIF).ok).toBe(false);
    // RIFF that is not WEBP (a WAV, say)
    const wav = WEBP.slice();
    wav.set([0x57, 0x41, 0x56, 0x45], 8);
    expect(sniffImageType(wav)).toBeNull();
  });

  it("refuses empty and oversized files", () => {
    expect(checkImage("a.png", new Uint8Array())).toEqual({ ok: false, error: '"a.png" is empty.' });
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PNG);
    expect(checkImage("big.png", big)).toEqual({ ok: false, error: '"big.png" is larger than 10 MB.' });
    expect(checkImage("edge.png", pngOfSize(MAX_UPLOAD_BYTES)).ok).toBe(true);
  });
});

describe("content of files uploaded straight to uploadthing", () => {
  it("is read back whole from the public URL for the same checks", async () => {
    const serve = (bytes: Uint8Array) => (async () => new Response(bytes as BodyInit)) as unknown as typeof fetch;
    expect(await readRemoteFile("https://x.ufs.sh/f/a", serve(REAL.jpeg))).toEqual({ ok: true, bytes: REAL.jpeg });
    expect(
      await readRemoteFile("https://x.ufs.sh/f/c", (async () => new Response("gone", { status: 404 })) as typeof fetch),
    ).toEqual({ ok: false, reason: "unreachable" });
  });

  it("never reads more than the limit, whatever the server says", async () => {
    let pulled = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(c) {
          pulled += 64 * 1024;
          c.enqueue(new Uint8Array(64 * 1024));
        },
      });
    const r = await readRemoteFile("https://x.ufs.sh/f/d", (async () => new Response(endless())) as typeof fetch);
    expect(r).toEqual({ ok: false, reason: "too-large" });
    expect(pulled).toBeLessThan(MAX_UPLOAD_BYTES + 1024 * 1024);
    const declared = new Response(endless(), { headers: { "content-length": String(64 * 1024 * 1024) } });
    expect(await readRemoteFile("https://x.ufs.sh/f/e", (async () => declared) as typeof fetch)).toEqual({
      ok: false,
      reason: "too-large",
    });
  });
});
