import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/limits";
import { checkImage, sniffImageType } from "@/lib/uploads/magic";
import { sniffRemoteImage } from "@/lib/uploads/remote-check";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
const TEXT = new TextEncoder().encode("this is not an image, just text\n");
const GIF = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");

describe("magic bytes", () => {
  it("recognises PNG, JPEG and WebP by content", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(WEBP)).toBe("image/webp");
  });

  it("accepts them whatever the name says", () => {
    expect(checkImage("photo.txt", PNG)).toEqual({ ok: true, contentType: "image/png", ext: "png" });
    expect(checkImage("x", WEBP)).toMatchObject({ ok: true, ext: "webp" });
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
    const edge = new Uint8Array(MAX_UPLOAD_BYTES);
    edge.set(PNG);
    expect(checkImage("edge.png", edge).ok).toBe(true);
  });
});

describe("content of files uploaded straight to uploadthing", () => {
  it("is read back from the public URL and sniffed", async () => {
    const asked: string[] = [];
    const serve = (bytes: Uint8Array) => async (_url: string | URL | Request, init?: RequestInit) => {
      asked.push(new Headers(init?.headers).get("range") ?? "");
      return new Response(bytes as BodyInit);
    };
    expect(await sniffRemoteImage("https://x.ufs.sh/f/a", serve(JPEG) as typeof fetch)).toBe("image/jpeg");
    expect(await sniffRemoteImage("https://x.ufs.sh/f/b", serve(EXE) as typeof fetch)).toBeNull();
    expect(
      await sniffRemoteImage(
        "https://x.ufs.sh/f/c",
        (async () => new Response("gone", { status: 404 })) as typeof fetch,
      ),
    ).toBeNull();
    expect(asked[0]).toBe("bytes=0-31");
  });
});
