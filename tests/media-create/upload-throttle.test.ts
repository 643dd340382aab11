import { readdir } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { UploadThingError } from "uploadthing/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { uploads } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { RULES } from "@/lib/security/throttle";
import { localStorage } from "@/lib/storage/local";
import { makeUser } from "../helpers/factories";
import { tempDir, world } from "../helpers/harness";
import { png } from "../helpers/png";

// Each member may upload RULES.uploadUser.limit images (60) in ten minutes, through the app or
// straight to uploadthing; the next is refused with 429 and a "try again in …", before its body is
// read, and nothing is stored. Counted in Postgres, so it holds across instances.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());

const uploadRoute = await import("@/app/api/t/[team]/uploads/route");
const { uploadRouter } = await import("@/lib/uploads/uploadthing-router");

const PNG = new Uint8Array(png(8, 8));
const db = () => getDb();
let root = "";

function post(slug: string, body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(`http://app.test/api/t/${slug}/uploads`, {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  return uploadRoute.POST(request, { params: Promise.resolve({ team: slug }) });
}

function form(): FormData {
  const body = new FormData();
  body.set("file", new File([PNG as BlobPart], "a.png", { type: "image/png" }));
  return body;
}

/** Every file under the storage root, however deep. */
const storedFiles = async () =>
  (await readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());

beforeEach(() => {
  root = tempDir("storage");
  world.storage = localStorage(root);
  world.userId = null;
});

describe("the upload throttle, through the app", () => {
  it("takes 60 uploads in ten minutes, refuses the 61st with 429 before reading it, and stores nothing", async () => {
    expect(RULES.uploadUser).toMatchObject({ limit: 60, windowSeconds: 600 });
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    for (let i = 0; i < 60; i++) expect((await post(alice.team.slug, form())).status, `upload ${i + 1}`).toBe(201);
    const before = await storedFiles();

    // The 61st as a stream, so the test sees whether the route pulled any of it.
    let pulled = 0;
    const bytes = new Uint8Array(await new Response(form()).arrayBuffer());
    const type = new Response(form()).headers.get("content-type")!;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (pulled >= bytes.length) return c.close();
          c.enqueue(bytes.slice(pulled, pulled + 64));
          pulled += 64;
        },
      },
      { highWaterMark: 0 },
    );
    const res = await post(alice.team.slug, body, { "content-type": type });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(500);
    expect(await res.json()).toEqual({ error: "Too many uploads. Try again in 10 minutes." });
    expect(pulled).toBe(0);
    expect(await db().select().from(uploads).where(eq(uploads.teamId, alice.team.id))).toHaveLength(60);
    expect(await storedFiles()).toHaveLength(before.length);

    // Per member: a teammate of another team still uploads.
    const bob = await makeUser("Bob");
    world.userId = bob.user.id;
    expect((await post(bob.team.slug, form())).status).toBe(201);
  });
});

describe("the upload throttle, straight to uploadthing", () => {
  type Middleware = (args: {
    input: { team: string };
    files: { name: string; size: number; type: string }[];
  }) => Promise<unknown>;
  const middleware = (uploadRouter.createImage as unknown as { middleware: Middleware }).middleware;
  const files = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `${i}.png`, size: 100, type: "image/png" }));

  it("counts every file, and refuses the 61st in the middleware with the same words", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    const input = { team: alice.team.slug };
    for (let i = 0; i < 15; i++) await middleware({ input, files: files(4) });
    const refused = await middleware({ input, files: files(1) }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UploadThingError);
    expect((refused as UploadThingError).message).toBe("Too many uploads. Try again in 10 minutes.");
  });
});
