import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { media, mediaAssets, mediaGenerations } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { syncMedia } from "@/lib/media/sync";
import { handleVimmerseWebhook } from "@/lib/media/webhook";
import type { VimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, makeEnv, webhookRequest, webhookSecretOf } from "../helpers/harness";

// The webhook never believes its body: the secret picks the media, upstream's GET decides.

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.sandbox.stopWorker();
});

const row = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!;
const generations = (id: string) => db().select().from(mediaGenerations).where(eq(mediaGenerations.mediaId, id));
const assets = (id: string) => db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id));
const post = (secret: string, body: unknown, raw = false) =>
  handleVimmerseWebhook(env.webhookDeps(), secret, webhookRequest(secret, body, raw));

async function setup(quantity = "1") {
  const { user, team } = await makeUser();
  const id = await createParallax(env, { teamId: team.id, userId: user.id }, { quantity });
  const m = await row(id);
  return { id, upstreamId: m.upstreamId!, secret: await webhookSecretOf(m.upstreamId!), team, user };
}

/** Renders everything upstream without telling the app. */
async function renderSilently() {
  await env.sandbox.updateSettings({ dropWebhooks: true });
  await env.sandbox.drain();
}

describe("webhook", () => {
  it("answers 404 to unknown or malformed secrets and changes nothing, even when upstream has finished", async () => {
    const { id } = await setup();
    await renderSilently();
    const before = await row(id);
    expect(before.status).toBe("queued");
    for (const secret of [randomBytes(32).toString("base64url"), "short", "../../etc/passwd", "x".repeat(300)]) {
      const res = await post(secret, { customer_id: "c", media_id: before.upstreamId, status: "success" });
      expect(res.status).toBe(404);
    }
    await env.settle();
    expect(await row(id)).toEqual(before);
    expect(await assets(id)).toHaveLength(0);
  });

  it("follows upstream, not the body: a false 'success' while rendering changes nothing", async () => {
    const { id, upstreamId, secret } = await setup();
    const res = await post(secret, { customer_id: "c", media_id: upstreamId, status: "success" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, changed: false });
    const m = await row(id);
    expect(["queued", "processing"]).toContain(m.status);
    expect(m.finishedAt).toBeNull();

    await renderSilently();
    // Now a notice that claims failure: upstream says success, and success it is.
    const done = await post(secret, { customer_id: "c", media_id: upstreamId, status: "fail" });
    expect(await done.json()).toMatchObject({ changed: true, status: "success" });
    await env.settle();
    const after = await row(id);
    expect(after).toMatchObject({ status: "success", progress: 100, bulletVersion: "1" });
    expect(after.finishedAt).not.toBeNull();
    expect(JSON.stringify(after.upstream)).not.toContain(secret);
    expect(await generations(id)).toMatchObject([
      { number: 1, status: "success", bulletVersion: "1", serviceName: expect.any(String) },
    ]);
    expect((await assets(id)).map((a) => `${a.variantKey}:${a.kind}`).sort()).toEqual([
      "Parallax1:gif",
      "Parallax1:mp4",
      "Parallax1:poster",
    ]);
  });

  it("tolerates garbage bodies: never a 500, the state still comes from upstream", async () => {
    const { id, secret } = await setup();
    await renderSilently();
    for (const body of [
      "not json{",
      "",
      "null",
      "[1,2,3]",
      JSON.stringify({ status: { nested: true } }),
      "x".repeat(200_000),
    ]) {
      const res = await post(secret, body, true);
      expect(res.status).toBe(200);
    }
    await env.settle();
    expect((await row(id)).status).toBe("success");
  });

  it("a repeated notice changes nothing: no second history entry, no duplicate copies", async () => {
    const { id, upstreamId, secret } = await setup("2");
    await env.sandbox.drain(); // delivers the real notice to the handler
    await env.settle();
    expect(env.hooks).toHaveLength(1);
    const first = await row(id);
    expect(first.status).toBe("success");
    const copies = await assets(id);
    expect(
      copies
        .filter((a) => a.kind === "mp4")
        .map((a) => a.variantKey)
        .sort(),
    ).toEqual(["Parallax1", "Parallax2"]);

    const notice = { customer_id: "c", media_id: upstreamId, status: "success" };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(secret, notice)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await env.settle();
    expect(await row(id)).toEqual(first);
    expect(await generations(id)).toHaveLength(1);
    expect((await assets(id)).map((a) => a.id).sort()).toEqual(copies.map((a) => a.id).sort());
  });

  it("a repeated notice for a finished media fetches a copy that is still missing, and only that", async () => {
    const { id, upstreamId, secret } = await setup("2");
    await env.sandbox.drain();
    await env.settle();
    const lost = (await assets(id)).find((a) => a.kind === "mp4" && a.variantKey === "Parallax2")!;
    await db().delete(mediaAssets).where(eq(mediaAssets.id, lost.id));
    const res = await post(secret, { customer_id: "c", media_id: upstreamId, status: "success" });
    expect(await res.json()).toMatchObject({ changed: false });
    await env.settle();
    const mp4 = (await assets(id)).filter((a) => a.kind === "mp4");
    expect(mp4.map((a) => a.variantKey).sort()).toEqual(["Parallax1", "Parallax2"]);
    expect(await assets(id)).toHaveLength(6);
  });

  it("a late 'processing' never overwrites success", async () => {
    const { id } = await setup();
    await env.sandbox.drain();
    await env.settle();
    const done = await row(id);
    expect(done.status).toBe("success");
    const late: VimmerseClient = {
      ...env.client,
      getMedia: async (uid, o) => ({
        ...(await env.client.getMedia(uid, o)),
        processingStatus: "processing_bullet",
        progressPercentage: 40,
      }),
    };
    const r = await syncMedia(db(), late, env.storage, id, { fetchFile: env.fetchFile });
    expect(r.outcome).toBe("unchanged");
    const after = await row(id);
    expect(after).toMatchObject({ status: "success", progress: 100, finishedAt: done.finishedAt });
    expect((await generations(id))[0]!.status).toBe("success");
  });

  it("two syncs at once download each file once and agree on the result", async () => {
    const { id } = await setup("2");
    await renderSilently();
    const downloads: string[] = [];
    const counting: VimmerseClient = {
      ...env.client,
      download: async (uid, o) => {
        downloads.push(`${o.motionType}:${o.objectType}`);
        return env.client.download(uid, o);
      },
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => syncMedia(db(), counting, env.storage, id, { fetchFile: env.fetchFile })),
    );
    expect(results.filter((r) => r.outcome === "updated")).toHaveLength(1);
    expect(downloads.sort()).toEqual([
      "Parallax1:bullet_video_gif",
      "Parallax1:bullet_video_mp4",
      "Parallax2:bullet_video_gif",
      "Parallax2:bullet_video_mp4",
    ]);
    const copies = await assets(id);
    expect(copies).toHaveLength(6);
    expect(copies.every((a) => a.bytes! > 0)).toBe(true);
    for (const a of copies) expect((await env.storage.get(a.storageKey))?.bytes).toBe(a.bytes);
  });

  it("a sync that raced a resubmission writes nothing stale", async () => {
    const { id } = await setup();
    await renderSilently();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: VimmerseClient = {
      ...env.client,
      getMedia: async (uid, o) => {
        const m = await env.client.getMedia(uid, o); // read before the resubmission lands…
        await gate;
        return m;
      },
    };
    const pending = syncMedia(db(), slow, env.storage, id, { fetchFile: env.fetchFile });
    await new Promise((r) => setTimeout(r, 50));
    // …meanwhile a new generation starts (as the detail page's resubmit records it).
    const m = await row(id);
    await db()
      .insert(mediaGenerations)
      .values({ mediaId: id, teamId: m.teamId, number: 2, kind: "process", params: m.params, status: "queued" });
    release();
    expect((await pending).outcome).toBe("stale");
    expect((await row(id)).status).toBe("queued");
    expect(await assets(id)).toHaveLength(0);
  });

  it("marks a rendering media failed when upstream no longer knows it", async () => {
    const { id } = await setup();
    const gone: VimmerseClient = {
      ...env.client,
      getMedia: async () => {
        const { NotFoundError } = await import("@/lib/vimmerse");
        throw new NotFoundError("gone", { status: 404, code: "MEDIA_NOT_FOUND" });
      },
    };
    // One 404 just after it was asked for proves nothing: still rendering.
    expect((await syncMedia(db(), gone, env.storage, id)).outcome).toBe("error");
    expect(await row(id)).toMatchObject({ status: "queued" });
    // Upstream keeps saying 404, well after the grace window: then it is failed.
    await db()
      .update(mediaGenerations)
      .set({ createdAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(mediaGenerations.mediaId, id));
    await db()
      .update(media)
      .set({ notFoundSince: new Date(Date.now() - 3 * 60_000) })
      .where(eq(media.id, id));
    const r = await syncMedia(db(), gone, env.storage, id);
    expect(r.outcome).toBe("updated");
    expect(await row(id)).toMatchObject({ status: "fail" });
    expect((await generations(id))[0]).toMatchObject({ status: "fail", error: "Vimmerse no longer has this video." });
  });
});
