import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { Sandbox } from "@/lib/sandbox";
import { BASE_FAULTS, hideMedia } from "@/lib/sandbox/faults";
import { sandboxMedia } from "@/lib/sandbox/schema";
import { BASE, call, fakeNetwork, KEY, makeSandbox } from "./helpers";

// Fault injection: each knob's effect, and that the side effects are exactly as stated (a lost
// answer still creates one job and spends its credits; a 429 creates and spends nothing).
// Renders are 1 second long and square.

const HOOK = "http://studio.test/hooks/orphans";
const quick = { prompt: "a lighthouse at dusk", duration: "1", aspect_ratio: "1:1", webhook_url: HOOK };

/** A call whose answer is not read (call() would read, and a dropped body throws). */
function send(
  sandbox: Sandbox,
  method: string,
  pathAndQuery: string,
  form?: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  let body: FormData | undefined;
  if (form) {
    body = new FormData();
    for (const [k, v] of Object.entries(form)) body.append(k, v);
  }
  return sandbox.handle(new Request(`${BASE}${pathAndQuery}`, { method, headers: { "x-api-key": KEY }, body, signal }));
}

const mediaRows = () => getDb().select().from(sandboxMedia).orderBy(asc(sandboxMedia.createdAt));
const faultsOf = async (sandbox: Sandbox) => (await sandbox.getSettings()).faults;
const credits = async (sandbox: Sandbox) => (await sandbox.getSettings()).credits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fault settings", () => {
  it("are all off by default, and a partial patch keeps the other faults", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 5 } });
    expect(await faultsOf(sandbox)).toEqual(BASE_FAULTS);
    expect(BASE_FAULTS).toEqual({
      lostAnswer: { next: 0, rate: 0, kind: "drop", lateMs: 35_000 },
      notFound: { rate: 1, untilMs: 0 },
      rateLimit: { next: 0, rate: 0, retryAfterS: 1 },
      refuseObjectTypes: [],
    });

    await sandbox.updateSettings({
      faults: {
        lostAnswer: { next: 2, kind: "500" },
        rateLimit: { retryAfterS: 7 },
        refuseObjectTypes: ["bullet_video_gif"],
      },
    });
    const put = await call(sandbox, "PUT", "/_sandbox/settings", { json: { faults: { notFound: { rate: 0.3 } } } });
    expect(put.status).toBe(200);
    const expected = {
      lostAnswer: { next: 2, rate: 0, kind: "500", lateMs: 35_000 },
      notFound: { rate: 0.3, untilMs: 0 },
      rateLimit: { next: 0, rate: 0, retryAfterS: 7 },
      refuseObjectTypes: ["bullet_video_gif"],
    };
    expect(put.body.data).toEqual({ credits: 5, failRate: 0, delayMs: 0, dropWebhooks: false, faults: expected });
    expect((await call(sandbox, "GET", "/_sandbox/settings")).body.data.faults).toEqual(expected);

    // Other knobs leave the faults alone; the list is replaced, not merged.
    expect((await sandbox.updateSettings({ credits: 9 })).faults).toEqual(expected);
    const listed = await sandbox.updateSettings({ faults: { refuseObjectTypes: ["source"] } });
    expect(listed.faults).toEqual({ ...expected, refuseObjectTypes: ["source"] });
  });

  it("can be given as createSandbox defaults, merged into the base", async () => {
    const { sandbox } = makeSandbox({ defaults: { faults: { rateLimit: { rate: 0.5 } } } });
    expect(await faultsOf(sandbox)).toEqual({ ...BASE_FAULTS, rateLimit: { next: 0, rate: 0.5, retryAfterS: 1 } });
  });

  it("refuses invalid fault settings over HTTP, changing nothing", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 5 } });
    await sandbox.updateSettings({ faults: { lostAnswer: { next: 1 }, refuseObjectTypes: ["bullet_video_gif"] } });
    const before = await sandbox.getSettings();
    const bad: [unknown, (string | number)[]][] = [
      [{ faults: { lostAnswer: { kind: "timeout" } } }, ["body", "faults", "lostAnswer", "kind"]],
      [{ faults: { lostAnswer: { next: -1 } } }, ["body", "faults", "lostAnswer", "next"]],
      [{ faults: { lostAnswer: { next: 1.5 } } }, ["body", "faults", "lostAnswer", "next"]],
      [{ faults: { lostAnswer: { lateMs: "35000" } } }, ["body", "faults", "lostAnswer", "lateMs"]],
      [{ faults: { notFound: { rate: 2 } } }, ["body", "faults", "notFound", "rate"]],
      [{ faults: { notFound: { untilMs: -5 } } }, ["body", "faults", "notFound", "untilMs"]],
      [{ faults: { rateLimit: { retryAfterS: -1 } } }, ["body", "faults", "rateLimit", "retryAfterS"]],
      [{ faults: { refuseObjectTypes: "bullet_video_gif" } }, ["body", "faults", "refuseObjectTypes"]],
      [{ faults: { refuseObjectTypes: [""] } }, ["body", "faults", "refuseObjectTypes", 0]],
      [{ faults: { lostAnswer: { next: 3, extra: 1 } } }, ["body", "faults", "lostAnswer"]],
      [{ faults: { crash: true } }, ["body", "faults"]],
      [{ faults: null }, ["body", "faults"]],
      // A valid knob beside an invalid fault is not applied either.
      [{ credits: 0, faults: { rateLimit: { next: 1, rate: 7 } } }, ["body", "faults", "rateLimit", "rate"]],
    ];
    for (const [body, loc] of bad) {
      const r = await call(sandbox, "PUT", "/_sandbox/settings", { json: body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.detail.map((d: { loc: unknown[] }) => d.loc)).toContainEqual(loc);
    }
    expect(await sandbox.getSettings()).toEqual(before);
    await expect(sandbox.updateSettings({ faults: { notFound: { rate: -1 } } })).rejects.toThrow();
    expect(await sandbox.getSettings()).toEqual(before);
  });
});

describe("lostAnswer", { timeout: 180_000 }, () => {
  it("drop: the job is created and charged, the answer's body breaks, the webhook finds the orphan", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net, defaults: { credits: 10 } });
    await sandbox.updateSettings({ faults: { lostAnswer: { next: 1, kind: "drop" } } });

    const res = await send(sandbox, "POST", "/media", quick);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    await expect(res.text()).rejects.toThrow("connection reset");

    expect(await credits(sandbox)).toBe(9);
    const rows = await mediaRows();
    expect(rows).toHaveLength(1);
    const id = rows[0]!.id;
    const read = await call(sandbox, "GET", `/media/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.data).toMatchObject({ id, webhook_url: HOOK, processing_status: "queue_bullet" });
    expect((await faultsOf(sandbox)).lostAnswer.next).toBe(0);

    await sandbox.drain();
    expect(net.calls).toEqual([
      expect.objectContaining({ url: HOOK, body: expect.objectContaining({ media_id: id, status: "success" }) }),
    ]);
    expect((await call(sandbox, "GET", `/media/${id}`)).body.data.data.processing_status).toBe("success");

    // The count is used up: the next call is answered.
    const next = await call(sandbox, "POST", "/media", { form: quick });
    expect(next.status).toBe(200);
    expect(next.body.data.webhook_url).toBe(HOOK);
    expect(await mediaRows()).toHaveLength(2);
  });

  it("500: `next` counts down and stops; refused and free calls do not count", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 10 } });
    await sandbox.updateSettings({ faults: { lostAnswer: { next: 2, kind: "500" } } });

    const first = await call(sandbox, "POST", "/media", { form: quick });
    expect(first.status).toBe(500);
    expect(first.body).toEqual({ message: "INTERNAL_SERVER_ERROR" });
    expect((await faultsOf(sandbox)).lostAnswer.next).toBe(1);
    const second = await call(sandbox, "POST", "/media/prompt", {
      json: { title: "p", pose_preset: { MotionType: "Auto", Params: "Prompt=sea|MotionLength=1" }, webhook_url: HOOK },
    });
    expect(second.status).toBe(500);
    expect((await faultsOf(sandbox)).lostAnswer.next).toBe(0);
    const third = await call(sandbox, "POST", "/media", { form: quick });
    expect(third.status).toBe(200);

    expect(await credits(sandbox)).toBe(7);
    const rows = await mediaRows();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const read = await call(sandbox, "GET", `/media/${row.id}`);
      expect(read.status).toBe(200);
      expect(read.body.data.data.webhook_url).toBe(HOOK);
    }

    // A call refused for want of credit, and an edit that changes nothing paid, keep the count.
    await sandbox.updateSettings({ credits: 0, faults: { lostAnswer: { next: 1 } } });
    expect((await call(sandbox, "POST", "/media", { form: quick })).status).toBe(402);
    const free = await call(sandbox, "PUT", `/media/${rows[0]!.id}/edit`, { form: { title: "renamed" } });
    expect(free.status).toBe(200);
    expect(free.body.data.title).toBe("renamed");
    expect((await faultsOf(sandbox)).lostAnswer.next).toBe(1);
    expect(await mediaRows()).toHaveLength(3);
  });

  it("late: the normal answer comes after lateMs, or as soon as the client gives up", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 10 } });
    await sandbox.updateSettings({ faults: { lostAnswer: { next: 1, kind: "late", lateMs: 400 } } });
    let t = Date.now();
    const late = await call(sandbox, "POST", "/media", { form: quick });
    expect(Date.now() - t).toBeGreaterThanOrEqual(390);
    expect(late.status).toBe(200);
    expect(late.body.data.webhook_url).toBe(HOOK);
    expect(await credits(sandbox)).toBe(9);

    await sandbox.updateSettings({ faults: { lostAnswer: { next: 1, lateMs: 60_000 } } });
    const client = new AbortController();
    setTimeout(() => client.abort(), 100);
    t = Date.now();
    await send(sandbox, "POST", "/media", quick, client.signal);
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(await credits(sandbox)).toBe(8);
    const rows = await mediaRows();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.webhookUrl)).toEqual([HOOK, HOOK]);
    expect((await faultsOf(sandbox)).lostAnswer.next).toBe(0);
  });

  it("rate 1 with kind any loses every answer one of the three ways, each call still creating its job", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 20 } });
    await sandbox.updateSettings({ faults: { lostAnswer: { rate: 1, kind: "any", lateMs: 150 } } });
    for (let i = 0; i < 6; i++) {
      const t = Date.now();
      const res = await send(sandbox, "POST", "/media", quick);
      if (res.status === 500) {
        expect(await res.json()).toEqual({ message: "INTERNAL_SERVER_ERROR" });
        continue;
      }
      expect(res.status).toBe(200);
      const body = await res.json().catch((e: Error) => e);
      if (body instanceof Error) expect(body.message).toBe("connection reset");
      else expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    }
    expect(await mediaRows()).toHaveLength(6);
    expect(await credits(sandbox)).toBe(14);
    expect((await faultsOf(sandbox)).lostAnswer.next).toBe(0);
    await sandbox.updateSettings({ faults: { lostAnswer: { rate: 0 } } });
    expect((await call(sandbox, "POST", "/media", { form: quick })).status).toBe(200);
  });

  it("one count is shared by concurrent calls and by several sandboxes on one database", async () => {
    const a = makeSandbox({ defaults: { credits: 20 } }).sandbox;
    const b = makeSandbox({ defaults: { credits: 20 } }).sandbox;
    await a.updateSettings({ faults: { lostAnswer: { next: 3, kind: "500" } } });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(i % 2 ? a : b, "POST", "/media", { form: quick })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 500, 500, 500]);
    expect(await mediaRows()).toHaveLength(8);
    expect(await credits(b)).toBe(12);
    expect((await faultsOf(b)).lostAnswer.next).toBe(0);
  });

  it("process and a paid edit with a lost answer still charge and re-render", async () => {
    const net = fakeNetwork();
    const { sandbox } = makeSandbox({ net, defaults: { credits: 10 } });
    const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    await sandbox.drain();
    expect((await call(sandbox, "GET", `/media/${id}`)).body.data.data.bullet_version).toBe("1");
    await sandbox.updateSettings({ faults: { lostAnswer: { next: 2, kind: "500" } } });

    const processed = await call(sandbox, "POST", `/media/${id}/process`);
    expect(processed.status).toBe(500);
    expect(await credits(sandbox)).toBe(8);
    expect((await call(sandbox, "GET", `/media/${id}/processing-status`)).body.data.processing_status).toBe(
      "queue_bullet",
    );
    await sandbox.drain();
    const afterProcess = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
    expect(afterProcess).toMatchObject({ processing_status: "success", bullet_version: "2", webhook_url: HOOK });
    expect(afterProcess.video_history).toHaveLength(2);

    const dropped = await send(sandbox, "PUT", `/media/${id}/edit`, { loop: "2" });
    expect(dropped.status).toBe(500);
    expect(await credits(sandbox)).toBe(7);
    await sandbox.drain();
    const afterEdit = (await call(sandbox, "GET", `/media/${id}`)).body.data.data;
    expect(afterEdit).toMatchObject({ processing_status: "success", bullet_version: "3" });
    expect(afterEdit.pose_preset.Params).toContain("Loop=2");
    expect(net.calls.map((c) => (c.body as { media_id: string }).media_id)).toEqual([id, id, id]);
    expect(await mediaRows()).toHaveLength(1);
  });
});

describe("notFound", () => {
  it("answers 404 to the reads of an existing media while the burst lasts, then ends", async () => {
    const { sandbox } = makeSandbox();
    const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    const untilMs = Date.now() + 500;
    await call(sandbox, "PUT", "/_sandbox/settings", { json: { faults: { notFound: { untilMs } } } });

    for (const p of [`/media/${id}`, `/media/${id}/processing-status`]) {
      const r = await call(sandbox, "GET", p);
      expect(r.status, p).toBe(404);
      expect(r.body).toEqual({ message: "MEDIA_NOT_FOUND" });
    }
    // Other calls on the media are not affected.
    const dl = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_mp4`);
    expect(dl.body).toEqual({ message: "MEDIA_NOT_READY" });
    expect((await call(sandbox, "PUT", `/media/${id}/edit`, { form: { title: "still here" } })).status).toBe(200);

    await sleep(untilMs - Date.now() + 20);
    const read = await call(sandbox, "GET", `/media/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.data.title).toBe("still here");
    expect((await call(sandbox, "GET", `/media/${id}/processing-status`)).status).toBe(200);

    // rate 0 hides nothing, even in a burst.
    await sandbox.updateSettings({ faults: { notFound: { rate: 0, untilMs: Date.now() + 60_000 } } });
    expect((await call(sandbox, "GET", `/media/${id}`)).status).toBe(200);
  });

  it("hides each read with probability rate", () => {
    const faults = { ...BASE_FAULTS, notFound: { rate: 0.5, untilMs: 2_000 } };
    expect(hideMedia(faults, 1_000, () => 0.49)).toBe(true);
    expect(hideMedia(faults, 1_000, () => 0.5)).toBe(false);
    expect(hideMedia(faults, 2_000, () => 0)).toBe(false);
  });
});

describe("rateLimit", () => {
  it("answers 429 with Retry-After before doing anything, for `next` calls or with `rate`", async () => {
    const { sandbox } = makeSandbox({ defaults: { credits: 5 } });
    const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    await sandbox.updateSettings({ faults: { rateLimit: { next: 2, retryAfterS: 7 } } });

    // The settings endpoint and /files are not rate limited and do not count.
    expect((await call(sandbox, "GET", "/_sandbox/settings")).status).toBe(200);
    expect((await call(sandbox, "GET", "/files/0123456789abcdef0123456789abcdef/g1/x.mp4", {}, null)).status).toBe(404);
    const limited = await call(sandbox, "POST", "/media", { form: quick });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ message: "TOO_MANY_REQUESTS" });
    expect(limited.res.headers.get("retry-after")).toBe("7");
    expect((await faultsOf(sandbox)).rateLimit.next).toBe(1);
    const read = await call(sandbox, "GET", `/media/${id}`);
    expect(read.status).toBe(429);
    expect(await mediaRows()).toHaveLength(1);
    expect(await credits(sandbox)).toBe(4);
    expect((await call(sandbox, "GET", `/media/${id}`)).status).toBe(200);
    expect((await faultsOf(sandbox)).rateLimit.next).toBe(0);

    await sandbox.updateSettings({ faults: { rateLimit: { rate: 1, retryAfterS: 0 } } });
    const [before] = await mediaRows();
    const process = await call(sandbox, "POST", `/media/${id}/process`);
    expect(process.status).toBe(429);
    expect(process.res.headers.get("retry-after")).toBe("0");
    const edit = await call(sandbox, "PUT", `/media/${id}/edit`, { form: { loop: "2", title: "x" } });
    expect(edit.status).toBe(429);
    const [after] = await mediaRows();
    expect(after).toMatchObject({ generation: before!.generation, title: "", updatedAt: before!.updatedAt });
    expect(await credits(sandbox)).toBe(4);

    await sandbox.updateSettings({ faults: { rateLimit: { rate: 0 } } });
    expect((await call(sandbox, "POST", `/media/${id}/process`)).status).toBe(200);
    expect(await credits(sandbox)).toBe(3);
  });
});

describe("refuseObjectTypes", { timeout: 180_000 }, () => {
  it("refuses downloads of the listed object types only", async () => {
    const { sandbox } = makeSandbox({ net: fakeNetwork() });
    const id = (await call(sandbox, "POST", "/media", { form: quick })).body.data.id;
    await sandbox.drain();
    await sandbox.updateSettings({ faults: { refuseObjectTypes: ["bullet_video_gif"] } });

    const gif = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_gif`);
    expect(gif.status).toBe(400);
    expect(gif.body).toEqual({ message: "INVALID_OBJECT_TYPE" });
    const mp4 = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_mp4`);
    expect(mp4.status).toBe(200);
    expect(mp4.res.headers.get("content-type")).toBe("video/mp4");
    await mp4.res.body?.cancel();
    // A media it does not have still comes first (and a stranger's key before that).
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call(sandbox, "GET", `/media/${unknown}/download?object_type=bullet_video_gif`)).status).toBe(404);
    expect((await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_gif`, {}, "x")).status).toBe(
      401,
    );

    await sandbox.updateSettings({ faults: { refuseObjectTypes: [] } });
    const again = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_gif`);
    expect(again.status).toBe(200);
    expect(again.res.headers.get("content-type")).toBe("image/gif");
    await again.res.body?.cancel();
  });
});
