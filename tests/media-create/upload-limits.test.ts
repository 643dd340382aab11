import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { uploads } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { vetImage } from "@/lib/uploads/decode";
import { checkImage } from "@/lib/uploads/magic";
import { makeUser } from "../helpers/factories";
import { tempStorage, world } from "../helpers/harness";
import { png, pngChunk } from "../helpers/png";
import { bilevelPng, chunkAt, claimingPng, jpeg, jpegWithGps, webp, webpLossless } from "./image-fixtures";

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());

const uploadRoute = await import("@/app/api/t/[team]/uploads/route");

const MB = 1024 * 1024;
const db = () => getDb();
const params = (slug: string) => ({ params: Promise.resolve({ team: slug }) });

async function post(slug: string, request: Request) {
  const res = await uploadRoute.POST(request, params(slug));
  return { status: res.status, json: (await res.json()) as { upload?: { id: string }; error?: string } };
}

function formRequest(slug: string, bytes: Uint8Array, name: string, type = "image/png") {
  const body = new FormData();
  body.set("file", new File([bytes as BlobPart], name, { type }));
  return new Request(`http://app.test/api/t/${slug}/uploads`, { method: "POST", body });
}

/**
 * A multipart body of `total` bytes that the test hands out chunk by chunk, counting what the
 * route pulls: no Content-Length (a chunked POST), or a false one.
 */
function streamingUpload(slug: string, total: number, headers: Record<string, string> = {}) {
  const boundary = "----studio-test-boundary";
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const chunk = new Uint8Array(64 * 1024);
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled === 0) {
          seen.pulled += head.byteLength;
          controller.enqueue(head);
          return;
        }
        if (seen.pulled >= total) return controller.close();
        seen.pulled += chunk.byteLength;
        controller.enqueue(chunk.slice());
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request(`http://app.test/api/t/${slug}/uploads`, {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...headers },
    body,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  expect(request.headers.get("content-length")).toBe(headers["content-length"] ?? null);
  return { request, seen };
}

beforeEach(() => {
  world.storage = tempStorage();
  world.userId = null;
});

describe("the upload body is counted as it streams", () => {
  it("refuses a 64 MB chunked POST with no Content-Length after reading little more than 10 MB", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const { request, seen } = streamingUpload(alice.team.slug, 64 * MB);
    const r = await post(alice.team.slug, request);
    expect(r).toEqual({ status: 413, json: { error: "Images can be at most 10 MB." } });
    expect(seen.pulled).toBeLessThan(11 * MB);
    expect(seen.cancelled).toBe(true);
    expect(await db().select().from(uploads)).toHaveLength(0);
  });

  it("does not believe a Content-Length that says less than is sent", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const { request, seen } = streamingUpload(alice.team.slug, 64 * MB, { "content-length": "5000" });
    const r = await post(alice.team.slug, request);
    expect(r.status).toBe(413);
    expect(seen.pulled).toBeLessThan(11 * MB);
  });

  it("still takes an image of exactly 10 MB sent without a length", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const base = png(32, 32);
    const iend = base.subarray(base.length - 12);
    const exact = Buffer.concat([
      base.subarray(0, base.length - 12),
      pngChunk("zzTz", new Uint8Array(10 * MB - base.length - 12)),
      iend,
    ]);
    expect(exact.length).toBe(10 * MB);
    const form = formRequest(alice.team.slug, exact, "exact.png");
    const type = form.headers.get("content-type")!;
    const bytes = new Uint8Array(await form.arrayBuffer());
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= bytes.length) return c.close();
        c.enqueue(bytes.slice(at, at + 64 * 1024));
        at += 64 * 1024;
      },
    });
    const request = new Request(`http://app.test/api/t/${alice.team.slug}/uploads`, {
      method: "POST",
      headers: { "content-type": type },
      body,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect((await post(alice.team.slug, request)).status).toBe(201);
  });

  it("does not read the body of a visitor who is not a member", async () => {
    const alice = await makeUser("Alice");
    const { request, seen } = streamingUpload(alice.team.slug, 64 * MB);
    expect((await post(alice.team.slug, request)).status).toBe(404);
    expect(seen.pulled).toBe(0);
  });
});

describe("pixel limits from the image header", () => {
  it("refuses a 243 KB-style PNG bomb of 16000×16000 with the size in words", async () => {
    const bomb = bilevelPng(16000, 16000);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const expected = '"bomb.png" is 16000×16000 pixels; images can be at most 8000 pixels a side and 40 megapixels.';
    expect(checkImage("bomb.png", bomb)).toEqual({ ok: false, error: expected });
    expect(checkImage("bomb.png", claimingPng(16000, 16000))).toEqual({ ok: false, error: expected });
    expect(checkImage("x.png", claimingPng(20000, 20000)).ok).toBe(false);

    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const r = await post(alice.team.slug, formRequest(alice.team.slug, bomb, "bomb.png"));
    expect(r).toEqual({ status: 422, json: { error: expected } });
    expect(await db().select().from(uploads)).toHaveLength(0);
  });

  it("allows 8000×5000 (exactly 40 megapixels), refuses 8001×10, 10×8001 and 7000×6000", async () => {
    const edge = await vetImage("edge.png", bilevelPng(8000, 5000));
    expect(edge).toMatchObject({ ok: true, width: 8000, height: 5000 });
    expect(checkImage("wide.png", claimingPng(8001, 10))).toEqual({
      ok: false,
      error: '"wide.png" is 8001×10 pixels; images can be at most 8000 pixels a side and 40 megapixels.',
    });
    expect(checkImage("tall.png", claimingPng(10, 8001)).ok).toBe(false);
    expect(checkImage("many.png", claimingPng(7000, 6000)).ok).toBe(false);
  });

  it("reads the size from JPEG SOF and WebP VP8, VP8L and VP8X headers", async () => {
    const big = sharp({ create: { width: 8001, height: 16, channels: 3, background: "white" } });
    for (const [name, bytes] of [
      ["wide.jpg", await big.clone().jpeg().toBuffer()],
      ["wide.webp", await big.clone().webp().toBuffer()],
      ["wide-lossless.webp", await big.clone().webp({ lossless: true }).toBuffer()],
      ["wide-alpha.webp", await big.clone().ensureAlpha(0.5).webp().toBuffer()],
    ] as const) {
      expect(checkImage(name, bytes), name).toEqual({
        ok: false,
        error: `"${name}" is 8001×16 pixels; images can be at most 8000 pixels a side and 40 megapixels.`,
      });
    }
  });
});

describe("structurally broken files are refused", () => {
  const damaged = (name: string, format: string) =>
    new RegExp(`^"${name.replace(".", "\\.")}" is a damaged ${format} image: .+\\. Save or export it again`);

  it("PNG: cut short, a wrong chunk checksum, bytes after IEND, no IDAT", async () => {
    const good = png(64, 48);
    const idat = chunkAt(good, "IDAT");
    const badIdatCrc = Buffer.from(good);
    badIdatCrc[idat + 8 + badIdatCrc.readUInt32BE(idat)]! ^= 0xff;
    const badIhdrCrc = Buffer.from(good);
    badIhdrCrc[8 + 8 + 13]! ^= 0xff;
    const cases: [string, Uint8Array, RegExp?][] = [
      ["no-iend.png", good.subarray(0, good.length - 12), /cut short/],
      ["half.png", good.subarray(0, idat + 40), /cut short/],
      ["end-crc.png", good.subarray(0, good.length - 2), /cut short/],
      ["idat-crc.png", badIdatCrc, /checksum of its IDAT chunk is wrong/],
      ["ihdr-crc.png", badIhdrCrc, /checksum of its IHDR chunk is wrong/],
      ["tail.png", Buffer.concat([good, Buffer.from("MZ trailing payload")]), /after its IEND/],
      ["empty.png", Buffer.concat([good.subarray(0, 33), pngChunk("IEND", new Uint8Array())]), /no image data/],
    ];
    for (const [name, bytes, why] of cases) {
      const r = checkImage(name, bytes);
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error, name).toMatch(damaged(name, "PNG"));
        if (why) expect(r.error, name).toMatch(why);
      }
      expect((await vetImage(name, bytes)).ok, name).toBe(false);
    }
  });

  it("PNG whose chunks hold together but whose pixels do not decode is refused by the full decode", async () => {
    const good = png(64, 48);
    const idat = chunkAt(good, "IDAT");
    const garbage = new Uint8Array(200).map((_, i) => (i * 37 + 11) & 0xff);
    const bad = Buffer.concat([good.subarray(0, idat), pngChunk("IDAT", garbage), pngChunk("IEND", new Uint8Array())]);
    expect(checkImage("pixels.png", bad).ok).toBe(true);
    const r = await vetImage("pixels.png", bad);
    expect(r).toEqual({
      ok: false,
      error: '"pixels.png" is a damaged PNG image: it could not be decoded. Save or export it again, then upload it.',
    });
  });

  it("JPEG: no EOI, cut in the middle of the scan, no SOF", async () => {
    const good = Buffer.from(await jpeg());
    const sof = good.indexOf(Buffer.from([0xff, 0xc0]));
    const sofLength = good.readUInt16BE(sof + 2);
    const noSof = Buffer.concat([good.subarray(0, sof), good.subarray(sof + 2 + sofLength)]);
    const cases: [string, Uint8Array, RegExp][] = [
      ["no-eoi.jpg", good.subarray(0, good.length - 2), /no EOI/],
      ["half.jpg", good.subarray(0, Math.floor(good.length * 0.7)), /cut short/],
      ["no-sof.jpg", noSof, /SOF/],
    ];
    for (const [name, bytes, why] of cases) {
      const r = checkImage(name, bytes);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error, name).toMatch(damaged(name, "JPEG"));
      if (!r.ok) expect(r.error, name).toMatch(why);
    }
  });

  it("WebP: a RIFF size larger or smaller than the file, cut short", async () => {
    const good = Buffer.from(await webp());
    const larger = Buffer.from(good);
    larger.writeUInt32LE(good.length + 100, 4);
    const smaller = Buffer.from(good);
    smaller.writeUInt32LE(good.length - 40, 4);
    const cut = Buffer.from(good.subarray(0, good.length - 20));
    const cases: [string, Uint8Array, RegExp][] = [
      ["larger.webp", larger, /RIFF size/],
      ["smaller.webp", smaller, /RIFF size/],
      ["cut.webp", cut, /cut short/],
    ];
    for (const [name, bytes, why] of cases) {
      const r = checkImage(name, bytes);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error, name).toMatch(damaged(name, "WebP"));
      if (!r.ok) expect(r.error, name).toMatch(why);
    }
  });

  it("broken files are refused by the route too, recording nothing", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const good = png(64, 48);
    const r = await post(alice.team.slug, formRequest(alice.team.slug, good.subarray(0, good.length - 12), "cut.png"));
    expect(r.status).toBe(422);
    expect(r.json.error).toMatch(/^"cut\.png" is a damaged PNG image: the file is cut short\./);
    const jpg = await jpeg();
    const r2 = await post(alice.team.slug, formRequest(alice.team.slug, jpg.subarray(0, jpg.length - 2), "cut.jpg"));
    expect(r2.status).toBe(422);
    expect(await db().select().from(uploads)).toHaveLength(0);
  });
});

describe("normal images are accepted", () => {
  it("PNG, JPEG, WebP (lossy and lossless) pass every check and are stored as sent", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const files: [string, Uint8Array, string][] = [
      ["a.png", new Uint8Array(png(64, 48)), "image/png"],
      ["b.jpg", await jpeg(), "image/jpeg"],
      ["c.webp", await webp(), "image/webp"],
      ["d.webp", await webpLossless(), "image/webp"],
    ];
    for (const [name, bytes, type] of files) {
      const r = await post(alice.team.slug, formRequest(alice.team.slug, bytes, name, type));
      expect(r.status, `${name}: ${r.json.error}`).toBe(201);
      const [row] = (await db().select().from(uploads)).filter((u) => u.id === r.json.upload!.id);
      expect(row).toMatchObject({ contentType: type, bytes: bytes.byteLength });
      const stored = await world.storage!.get(row!.storageKey);
      expect(new Uint8Array(await new Response(stored!.body).arrayBuffer())).toEqual(bytes);
    }
  });

  it("a photo's EXIF (GPS position) is not stored; the copy is turned upright", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const photo = await jpegWithGps();
    const before = await sharp(photo).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    const r = await post(alice.team.slug, formRequest(alice.team.slug, photo, "holiday.jpg", "image/jpeg"));
    expect(r.status).toBe(201);
    const [row] = await db().select().from(uploads);
    const stored = await world.storage!.get(row!.storageKey);
    const bytes = new Uint8Array(await new Response(stored!.body).arrayBuffer());
    const after = await sharp(bytes).metadata();
    expect(after).toMatchObject({ format: "jpeg", width: 64, height: 96 });
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(row!.bytes).toBe(bytes.byteLength);
  });
});
