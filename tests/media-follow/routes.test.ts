import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { media, mediaAssets } from "@/db/media-schema";
import { reopenMedia } from "@/db/queries/media";
import { getDb } from "@/lib/db";
import { TERMINAL_STATUSES } from "@/lib/media/status";
import { historyLength } from "@/lib/media/unresolved";
import type { VimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, makeEnv, tempDir, world } from "../helpers/harness";

// The routes a browser uses: live status, the stored copies (with byte ranges), downloads.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
// Work a route leaves for after its answer, run when the test says so.
const afterTasks = vi.hoisted(() => [] as (() => Promise<unknown>)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => void afterTasks.push(task),
}));
const statusRoute = await import("@/app/api/t/[team]/media/status/route");
const assetRoute = await import("@/app/api/t/[team]/media/[id]/assets/[assetId]/route");
const downloadRoute = await import("@/app/api/t/[team]/media/[id]/download/route");

const db = () => getDb();
const ffprobe: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;
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

const status = (slug: string, ids: string) =>
  statusRoute.GET(new Request(`http://studio.test/api/t/${slug}/media/status?ids=${ids}`), {
    params: Promise.resolve({ team: slug }),
  });
const asset = (slug: string, id: string, assetId: string, headers: Record<string, string> = {}) =>
  assetRoute.GET(new Request(`http://studio.test/api/t/${slug}/media/${id}/assets/${assetId}`, { headers }), {
    params: Promise.resolve({ team: slug, id, assetId }),
  });
const download = (slug: string, id: string, query = "") =>
  downloadRoute.GET(new Request(`http://studio.test/api/t/${slug}/media/${id}/download${query}`), {
    params: Promise.resolve({ team: slug, id }),
  });

async function finished(quantity = "1") {
  const alice = await makeUser("Alice");
  const id = await createParallax(
    env,
    { teamId: alice.team.id, userId: alice.user.id },
    { quantity, title: "Sunset over Lisbon!" },
  );
  await env.sandbox.drain();
  await env.settle();
  world.userId = alice.user.id;
  return { alice, id };
}

function probe(bytes: ArrayBuffer): { duration: number; width: number } {
  const file = path.join(tempDir("probe"), "v.mp4");
  writeFileSync(file, Buffer.from(bytes));
  const out = JSON.parse(
    execFileSync(ffprobe, ["-v", "error", "-show_format", "-show_streams", "-of", "json", file], { encoding: "utf8" }),
  );
  return {
    duration: Number(out.format.duration),
    width: Number(out.streams.find((s: { codec_type: string }) => s.codec_type === "video").width),
  };
}

describe("status route", () => {
  it("answers from the database, and says ready only once every variant is copied", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    await env.sandbox.updateSettings({ dropWebhooks: true });
    const id = await createParallax(env, { teamId: alice.team.id, userId: alice.user.id }, { quantity: "2" });
    const r1 = await status(alice.team.slug, id);
    expect(r1.headers.get("cache-control")).toBe("no-store");
    expect(await r1.json()).toEqual({ items: [{ id, status: "queued", label: "Queued", progress: 0, ready: false }] });

    await env.sandbox.drain(); // upstream is done; the app has not heard
    expect((await (await status(alice.team.slug, id)).json()).items[0]).toMatchObject({ status: "queued" });

    // Success with one of two videos copied: not ready yet.
    await db()
      .update(media)
      .set({ status: "success", progress: 100, bulletVersion: "1", finishedAt: new Date() })
      .where(eq(media.id, id));
    await db().insert(mediaAssets).values({
      mediaId: id,
      teamId: alice.team.id,
      variantKey: "Parallax1",
      kind: "mp4",
      storageKey: "x",
      contentType: "video/mp4",
      bytes: 10,
      bulletVersion: "1",
    });
    expect((await (await status(alice.team.slug, id)).json()).items[0]).toMatchObject({
      status: "success",
      ready: false,
    });
    await db().insert(mediaAssets).values({
      mediaId: id,
      teamId: alice.team.id,
      variantKey: "Parallax2",
      kind: "mp4",
      storageKey: "y",
      contentType: "video/mp4",
      bytes: 10,
      bulletVersion: "1",
    });
    expect((await (await status(alice.team.slug, id)).json()).items[0]).toMatchObject({
      status: "success",
      label: "Ready",
      ready: true,
    });
  });

  it("a watched render nobody checked for a while is refreshed once after the answer, however many poll", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    await env.sandbox.updateSettings({ dropWebhooks: true });
    const id = await createParallax(env, { teamId: alice.team.id, userId: alice.user.id });
    afterTasks.length = 0;
    // Just submitted (checked a moment ago): polls leave upstream alone.
    await status(alice.team.slug, id);
    expect(afterTasks).toHaveLength(0);

    await env.sandbox.drain(); // upstream is done; the webhook was dropped, no reconciler runs
    await db()
      .update(media)
      .set({ syncedAt: new Date(Date.now() - 10_000) })
      .where(eq(media.id, id));
    const answers = await Promise.all([1, 2, 3, 4].map(() => status(alice.team.slug, id).then((r) => r.json())));
    // Answered from the database as it stood; one refresh scheduled for all four watchers.
    expect(answers.map((a) => a.items[0].status)).toEqual(["queued", "queued", "queued", "queued"]);
    expect(afterTasks).toHaveLength(1);
    await afterTasks.pop()!();
    expect((await (await status(alice.team.slug, id)).json()).items[0]).toMatchObject({
      status: "success",
      progress: 100,
    });
    expect(afterTasks).toHaveLength(0);

    // Another team's member polling this id through their own team sees nothing and moves nothing.
    const other = await createParallax(env, { teamId: alice.team.id, userId: alice.user.id });
    await db()
      .update(media)
      .set({ syncedAt: new Date(Date.now() - 10_000) })
      .where(eq(media.id, other));
    const bob = await makeUser("Bob");
    world.userId = bob.user.id;
    expect(await (await status(bob.team.slug, other)).json()).toEqual({ items: [] });
    expect(afterTasks).toHaveLength(0);
  });

  it("a render being sent for a new generation is not refreshed from its old, finished state", async () => {
    const { alice, id } = await finished();
    await db()
      .update(media)
      .set({ syncedAt: new Date(Date.now() - 60_000) })
      .where(eq(media.id, id));
    afterTasks.length = 0;
    // As the resubmit action does before its upstream call returns.
    expect(await reopenMedia(db(), alice.team.id, id, TERMINAL_STATUSES, historyLength)).not.toBeNull();
    expect((await (await status(alice.team.slug, id)).json()).items[0]).toMatchObject({ status: "checking" });
    expect(afterTasks).toHaveLength(0);
  });

  it("refuses bad ids with a message and never a 500", async () => {
    const alice = await makeUser("Alice");
    world.userId = alice.user.id;
    for (const ids of ["", "nope", Array.from({ length: 101 }, () => crypto.randomUUID()).join(",")]) {
      const res = await status(alice.team.slug, ids);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/ids=/);
    }
  });
});

describe("asset route", () => {
  it("streams the stored copy with its type and private caching, and honours byte ranges", async () => {
    const { alice, id } = await finished();
    const [mp4] = (await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id))).filter(
      (a) => a.kind === "mp4",
    );
    const whole = await asset(alice.team.slug, id, mp4!.id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("cache-control")).toMatch(/^private/);
    const all = new Uint8Array(await whole.arrayBuffer());
    expect(all.byteLength).toBe(mp4!.bytes);

    const part = await asset(alice.team.slug, id, mp4!.id, { range: "bytes=100-1099" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-1099/${all.byteLength}`);
    expect(part.headers.get("content-length")).toBe("1000");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(all.slice(100, 1100));

    const tail = await asset(alice.team.slug, id, mp4!.id, { range: "bytes=-500" });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(all.slice(all.byteLength - 500));
    const open = await asset(alice.team.slug, id, mp4!.id, { range: `bytes=${all.byteLength - 10}-` });
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(all.slice(all.byteLength - 10));
    expect((await asset(alice.team.slug, id, mp4!.id, { range: `bytes=${all.byteLength}-` })).status).toBe(416);
  });

  it("never serves a copy that is still being written, or one of another media", async () => {
    const { alice, id } = await finished();
    const [claim] = await db()
      .insert(mediaAssets)
      .values({
        mediaId: id,
        teamId: alice.team.id,
        variantKey: "Parallax9",
        kind: "mp4",
        storageKey: "half",
        contentType: "video/mp4",
        bytes: null,
        bulletVersion: "1",
      })
      .returning();
    expect((await asset(alice.team.slug, id, claim!.id)).status).toBe(404);
    const [poster] = (await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id))).filter(
      (a) => a.kind === "poster",
    );
    expect((await asset(alice.team.slug, crypto.randomUUID(), poster!.id)).status).toBe(404);
    const ok = await asset(alice.team.slug, id, poster!.id);
    expect(ok.headers.get("content-type")).toMatch(/^image\//);
  });
});

describe("download route", () => {
  it("streams the original from the studio's copy under a sensible name, without asking upstream", async () => {
    const { alice, id } = await finished("2");
    world.client = {
      ...env.client,
      download: async () => Promise.reject(new Error("upstream must not be asked")),
    } as VimmerseClient;
    const res = await download(alice.team.slug, id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain('filename="sunset-over-lisbon-parallax1.mp4"');
    expect(res.headers.get("content-type")).toBe("video/mp4");
    const { duration } = probe(await res.arrayBuffer());
    expect(duration).toBeGreaterThan(0.8);
    expect(duration).toBeLessThan(1.3);

    const gif = await download(alice.team.slug, id, "?variant=Parallax2&format=gif");
    expect(gif.headers.get("content-disposition")).toContain('filename="sunset-over-lisbon-parallax2.gif"');
    expect(new TextDecoder().decode((await gif.arrayBuffer()).slice(0, 3))).toBe("GIF");
  });

  it("asks upstream, with the server's key, for a resized or size-capped file", async () => {
    const { alice, id } = await finished();
    const asked: unknown[] = [];
    world.client = {
      ...env.client,
      download: (uid, o) => {
        asked.push(o);
        return env.client.download(uid, o);
      },
    } as VimmerseClient;
    const res = await download(alice.team.slug, id, "?variant=Parallax1&width=480&size=4");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain('filename="sunset-over-lisbon-parallax1-480-4mb.mp4"');
    expect(asked).toMatchObject([{ objectType: "bullet_video_mp4", motionType: "Parallax1", width: 480, fileSize: 4 }]);
    expect(probe(await res.arrayBuffer()).width).toBe(480);
  });

  it("says what is wrong, never a 500: bad choices, not ready, upstream down", async () => {
    const { alice, id } = await finished();
    expect((await download(alice.team.slug, id, "?width=123")).status).toBe(400);
    expect((await download(alice.team.slug, id, "?format=exe")).status).toBe(400);
    expect((await download(alice.team.slug, id, "?variant=../../x")).status).toBe(400);
    const { UpstreamUnavailableError } = await import("@/lib/vimmerse");
    world.client = {
      ...env.client,
      download: async () => Promise.reject(new UpstreamUnavailableError("down", "network")),
    } as VimmerseClient;
    const down = await download(alice.team.slug, id, "?width=720");
    expect(down.status).toBe(503);
    expect(await down.text()).toMatch(/try the download again/i);

    const pending = await createParallax(env, { teamId: alice.team.id, userId: alice.user.id });
    expect((await download(alice.team.slug, pending)).status).toBe(409);
  });
});
