import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { sandboxMedia, sandboxWebhooks } from "@/lib/sandbox/schema";
import { call, fakeNetwork, HOOKS, IMAGES, makeSandbox, testImage } from "./helpers";

// The worker: webhooks and their retries, the settings knobs, resuming after a restart, and
// two workers sharing one database.

let image: Blob;
beforeAll(async () => {
  image = await testImage(320, 240, 0);
});

const HOOK = `${HOOKS}/notify`;
const quick = { prompt: "a lighthouse at dusk", duration: "1", aspect_ratio: "1:1", webhook_url: HOOK };

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const makeDue = () => getDb().update(sandboxWebhooks).set({ nextAttemptAt: sql`now()` });

describe("webhooks", { timeout: 180_000 }, () => {
  it("notifies the webhook when a job succeeds", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net });
    const created = (await call(sandbox, "POST", "/media", { form: quick })).body.data;
    await sandbox.drain();
    expect(net.calls).toHaveLength(1);
    expect(net.calls[0]).toMatchObject({
      url: HOOK,
      body: { customer_id: created.customer_id, media_id: created.id, status: "success" },
    });
  });

  it("retries a webhook answered with an error, with backoff, until it gets a 2xx", async () => {
    const net = fakeNetwork();
    net.hookAnswers.push(500, 0); // a server error, then a network error, then fine
    const { sandbox } = makeSandbox({ net });
    const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    await sandbox.drain();
    expect(net.calls).toHaveLength(1);
    const [afterFirst] = await getDb()
      .select({
        wait: sql<number>`extract(epoch from ${sandboxWebhooks.nextAttemptAt} - now())`,
        status: sandboxWebhooks.status,
        attempts: sandboxWebhooks.attempts,
      })
      .from(sandboxWebhooks);
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1 });
    expect(Number(afterFirst!.wait)).toBeGreaterThan(1);
    expect(Number(afterFirst!.wait)).toBeLessThanOrEqual(2.1);
    // Not due yet: a drain leaves it alone.
    await sandbox.drain();
    expect(net.calls).toHaveLength(1);

    await makeDue();
    await sandbox.drain();
    expect(net.calls).toHaveLength(2);
    const [afterSecond] = await getDb()
      .select({ wait: sql<number>`extract(epoch from ${sandboxWebhooks.nextAttemptAt} - now())` })
      .from(sandboxWebhooks);
    expect(Number(afterSecond!.wait)).toBeGreaterThan(4);

    await makeDue();
    await sandbox.drain();
    expect(net.calls).toHaveLength(3);
    expect(net.calls.every((c) => (c.body as { media_id: string }).media_id === id)).toBe(true);
    const [final] = await getDb().select().from(sandboxWebhooks);
    expect(final).toMatchObject({ status: "delivered", attempts: 3 });
  });

  it("gives up after five failed attempts", async () => {
    const net = fakeNetwork();
    net.hookAnswers.push(500, 502, 503, 404, 500, 200);
    const { sandbox } = makeSandbox({ net });
    await call(sandbox, "POST", "/media", { form: quick });
    await sandbox.drain();
    for (let i = 0; i < 6; i++) {
      await makeDue();
      await sandbox.drain();
    }
    expect(net.calls).toHaveLength(5);
    const [hook] = await getDb().select().from(sandboxWebhooks);
    expect(hook).toMatchObject({ status: "failed", attempts: 5, lastError: "HTTP 500" });
  });

  it("sends nothing with dropWebhooks, and 'fail' with failRate 1", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net, defaults: { dropWebhooks: true } });
    const a = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    await sandbox.drain();
    expect((await call(sandbox, "GET", `/media/${a}`)).body.data.data.processing_status).toBe("success");
    expect(net.calls).toHaveLength(0);

    await call(sandbox, "PUT", "/_sandbox/settings", { json: { dropWebhooks: false, failRate: 1 } });
    const b = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    await sandbox.drain();
    const failed = (await call(sandbox, "GET", `/media/${b}`)).body.data.data;
    expect(failed.processing_status).toBe("fail");
    expect(failed.result).toEqual([]);
    expect((await call(sandbox, "GET", `/media/${b}/processing-status`)).body.data.processing_status).toBe("fail");
    expect(net.calls.map((c) => c.body)).toEqual([{ customer_id: failed.customer_id, media_id: b, status: "fail" }]);
    const dl = await call(sandbox, "GET", `/media/${b}/download?object_type=bullet_video_mp4`);
    expect(dl.body).toEqual({ message: "MEDIA_NOT_READY" });
  });

  it("fails the job (not the request) when a studio image URL leads to no file, fetching nothing", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net });
    const created = await call(sandbox, "POST", "/media", {
      form: { image_urls: `${IMAGES}/missing.png`, duration: "1", webhook_url: HOOK },
    });
    expect(created.status).toBe(200);
    // On the studio's origin but not one of its files: openInput says no, nothing is fetched.
    const elsewhere = await call(sandbox, "POST", "/media", {
      form: { image_urls: "http://studio.test/api/other.png", duration: "1" },
    });
    expect(elsewhere.status).toBe(200);
    await sandbox.drain();
    for (const id of [created.body.data.id, elsewhere.body.data.id]) {
      expect((await call(sandbox, "GET", `/media/${id}`)).body.data.data.processing_status).toBe("fail");
    }
    const [row] = await getDb().select().from(sandboxMedia).where(eq(sandboxMedia.id, created.body.data.id));
    expect(row!.error).toMatch(/^INPUT_DOWNLOAD_FAILED/);
    expect(net.calls[0]!.body).toMatchObject({ status: "fail" });
    expect(net.requests).toEqual([HOOK]);
  });

  it("takes images served by the sandbox itself without going through the network", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net });
    const first = (
      await call(sandbox, "POST", "/media", { form: { image_files: image, duration: "1", aspect_ratio: "1:1" } })
    ).body.data.id;
    await sandbox.drain();
    const poster = (await call(sandbox, "GET", `/media/${first}`)).body.data.data.result[0].poster_url as string;
    const second = (await call(sandbox, "POST", "/media", { form: { image_urls: poster, duration: "1" } })).body.data
      .id;
    await sandbox.drain();
    const m = (await call(sandbox, "GET", `/media/${second}`)).body.data.data;
    expect(m.processing_status).toBe("success");
    // The poster of a square video gives a square video.
    expect(m.result[0]).toMatchObject({ width: 720, height: 720 });
    const source = await call(sandbox, "GET", `/media/${second}/download?object_type=source`);
    expect(source.res.headers.get("content-type")).toBe("image/jpeg");
    await source.res.body?.cancel();
  });

  it("extends a video given as a media item (from its last frame)", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net });
    const first = (
      await call(sandbox, "POST", "/media", { form: { image_files: image, duration: "1", aspect_ratio: "1:1" } })
    ).body.data.id;
    await sandbox.drain();
    const video = (await call(sandbox, "GET", `/media/${first}`)).body.data.data.result[0].url as string;
    const created = await call(sandbox, "POST", "/media", {
      form: {
        media_items: JSON.stringify([{ type: "video", url: video, position: "First" }]),
        extend_video: "Yes",
        motion_type: "Veo",
        duration: "1",
      },
    });
    expect(created.body.data.file_map).toEqual([{ FileType: "Video", FileName: "Auto1.mp4" }]);
    expect(created.body.data.service_name).toBe("Sandbox (stand-in for Veo video extension)");
    await sandbox.drain();
    const m = (await call(sandbox, "GET", `/media/${created.body.data.id}`)).body.data.data;
    expect(m.processing_status).toBe("success");
    expect(m.result[0]).toMatchObject({ motion_type: "Veo1", width: 720, height: 720 });
  });
});

describe("worker", { timeout: 180_000 }, () => {
  it("runs in the background, showing progress rise while it renders", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net, defaults: { delayMs: 1200 } });
    sandbox.startWorker();
    sandbox.startWorker(); // a second start is a no-op
    try {
      const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
      const seen: { progress: number; status: string }[] = [];
      await waitFor("success", async () => {
        const s = (await call(sandbox, "GET", `/media/${id}/processing-status`)).body.data;
        seen.push({ progress: Number(s.progress_percentage), status: s.processing_status });
        return s.processing_status === "success";
      });
      await waitFor("webhook", async () => net.calls.length === 1);
      const progress = seen.map((s) => s.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(seen.some((s) => s.status === "processing_bullet" && s.progress > 0 && s.progress < 100)).toBe(true);
      expect(new Set(progress).size).toBeGreaterThanOrEqual(3);
      expect(progress.at(-1)).toBe(100);
    } finally {
      await sandbox.stopWorker();
    }
  });

  it("resumes a job after its worker stops mid-render, from a second instance", async () => {
    const netA = fakeNetwork();
    const { sandbox: a, filesDir } = makeSandbox({ net: netA, defaults: { delayMs: 5000 } });
    a.startWorker();
    const id = (await call(a, "POST", "/media", { form: quick })).body.data.id;
    await waitFor(
      "claim",
      async () =>
        (await call(a, "GET", `/media/${id}/processing-status`)).body.data.processing_status === "processing_bullet",
    );
    await a.stopWorker();
    expect((await call(a, "GET", `/media/${id}`)).body.data.data.processing_status).toBe("processing_bullet");

    const netB = fakeNetwork();
    const { sandbox: b } = makeSandbox({ net: netB, filesDir });
    await b.updateSettings({ delayMs: 0 });
    await b.drain();
    const m = (await call(b, "GET", `/media/${id}`)).body.data.data;
    expect(m.processing_status).toBe("success");
    expect(m.video_history).toHaveLength(1);
    expect(netA.calls).toHaveLength(0);
    expect(netB.calls.map((c) => c.body)).toEqual([{ customer_id: m.customer_id, media_id: id, status: "success" }]);
  });

  it("leaves a dead worker's job alone until its lock expires, then renders it and notifies", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net });
    const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    // As a crashed process leaves it: claimed, processing, lock still running.
    await getDb()
      .update(sandboxMedia)
      .set({
        status: "processing_bullet",
        progress: 40,
        lockedBy: "dead-host:1:abcd",
        lockedUntil: sql`now() + interval '1 hour'`,
        attempts: 1,
      })
      .where(eq(sandboxMedia.id, id));
    await sandbox.drain();
    expect((await call(sandbox, "GET", `/media/${id}`)).body.data.data.processing_status).toBe("processing_bullet");
    expect(net.calls).toHaveLength(0);

    await getDb()
      .update(sandboxMedia)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(sandboxMedia.id, id));
    await sandbox.drain();
    const m = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
    expect(m).toMatchObject({ processing_status: "success", progress_percentage: 100, bullet_version: "1" });
    expect(net.calls.map((c) => c.body)).toEqual([{ customer_id: m.customer_id, media_id: id, status: "success" }]);
  });

  it("never lets two workers render the same job", async () => {
    const net = fakeNetwork();
    const { sandbox: a, filesDir } = makeSandbox({ net });
    const { sandbox: b } = makeSandbox({ net, filesDir });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await call(a, "POST", "/media", { form: quick })).body.data.id);
    await Promise.all([a.drain(), b.drain()]);
    const rows = await getDb().select().from(sandboxMedia);
    expect(rows.map((r) => [r.status, r.attempts, r.bulletVersion])).toEqual(ids.map(() => ["success", 1, 1]));
    expect(net.calls.map((c) => (c.body as { media_id: string }).media_id).sort()).toEqual([...ids].sort());
  });

  it("drops a render that was resubmitted meanwhile and renders the new generation once", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net, defaults: { delayMs: 1500 } });
    sandbox.startWorker();
    try {
      const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
      await waitFor(
        "claim",
        async () =>
          (await call(sandbox, "GET", `/media/${id}/processing-status`)).body.data.processing_status ===
          "processing_bullet",
      );
      const resubmitted = await call(sandbox, "PUT", `/media/${id}/edit`, { form: { prompt: "a lighthouse at dawn" } });
      expect(resubmitted.body.data.processing_status).toBe("queue_bullet");
      await waitFor("webhook", async () => net.calls.length >= 1);
      const m = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
      expect(m.processing_status).toBe("success");
      expect(m.bullet_version).toBe("1");
      expect(m.video_history).toHaveLength(1);
      expect(m.video_history[0].pose_preset.Params).toContain("Prompt=a lighthouse at dawn");
    } finally {
      await sandbox.stopWorker();
    }
    expect(net.calls).toHaveLength(1);
  });
});
