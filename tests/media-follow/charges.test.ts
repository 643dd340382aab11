import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { media, mediaGenerations } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { retrySubmitAs } from "@/lib/media/create";
import { processAgainAs } from "@/lib/media/regenerate";
import { RESEND_AFTER_MS, STILL_CHECKING } from "@/lib/media/submit";
import { syncMedia } from "@/lib/media/sync";
import { CHANGE_NOT_SEEN, PENDING_CHANGE_WAIT_MS } from "@/lib/media/unresolved";
import { handleVimmerseWebhook } from "@/lib/media/webhook";
import { createVimmerseClient, type VimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import {
  APP_URL,
  createParallax,
  type Env,
  FILE_SECRET,
  makeEnv,
  upstreamJobs,
  webhookRequest,
  webhookSecretOf,
} from "../helpers/harness";

// Paid calls whose answer is lost (issue: no second charge for one video). Upstream is the
// in-process sandbox with its fault knobs: it accepts and charges, then the answer is dropped,
// answered 500, or sent after the client gave up. The app must end with one upstream job per
// video asked for, found from upstream's own evidence, never a blind second send.

const db = () => getDb();
let env: Env;

afterEach(async () => {
  await env?.sandbox.stopWorker();
});

async function setup(opts: { timeoutMs?: number } = {}) {
  env = await makeEnv(opts);
  const alice = await makeUser("Alice");
  const who = { teamId: alice.team.id, userId: alice.user.id };
  const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
  return { who, deps };
}

const row = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!;
const generations = (id: string) =>
  db().select().from(mediaGenerations).where(eq(mediaGenerations.mediaId, id)).orderBy(mediaGenerations.number);

/** Moves the unresolved call's start back, as if that much time had passed. */
async function age(id: string, ms: number) {
  const m = await row(id);
  await db()
    .update(media)
    .set({ submittingAt: new Date(m.submittingAt!.getTime() - ms) })
    .where(eq(media.id, id));
}

describe("a create whose answer is lost", () => {
  for (const kind of ["drop", "500", "late"] as const) {
    it(`(${kind}) is checked, never sent again, and adopted from upstream's notice: one job, one video`, async () => {
      const { who, deps } = await setup({ timeoutMs: 300 });
      await env.sandbox.updateSettings({ faults: { lostAnswer: { next: 1, kind, lateMs: 2_000 } } } as never);
      const id = await createParallax(env, who);

      const lost = await row(id);
      expect(lost).toMatchObject({ status: "checking", upstreamId: null });
      expect(lost.lastError).toMatch(/did not confirm/);
      expect(await upstreamJobs()).toHaveLength(1);

      // Retry is what the old code offered: it must not create a second job.
      expect(await retrySubmitAs(deps, who.teamId, id)).toMatchObject({
        ok: false,
        reason: "checking",
        error: STILL_CHECKING,
      });
      expect(await upstreamJobs()).toHaveLength(1);

      // The job renders and its webhook, on this media's own secret URL, names it.
      await env.sandbox.drain();
      await env.settle();
      const [job] = await upstreamJobs();
      expect(await row(id)).toMatchObject({ status: "success", upstreamId: job, submittingAt: null, lastError: null });
      expect((await generations(id)).map((g) => g.status)).toEqual(["success"]);
      expect(await upstreamJobs()).toHaveLength(1);
    });
  }

  it("offers a send again only after the wait, and only when the person accepts the risk", async () => {
    const { who, deps } = await setup();
    await env.sandbox.updateSettings({ faults: { lostAnswer: { next: 1, kind: "500" } }, dropWebhooks: true } as never);
    const id = await createParallax(env, who);
    // Sending again before the wait is refused, even when asked for.
    expect(await retrySubmitAs(deps, who.teamId, id, { resend: true })).toMatchObject({
      ok: false,
      reason: "checking",
    });
    expect(await row(id)).toMatchObject({ status: "checking", upstreamId: null });
    expect(await upstreamJobs()).toHaveLength(1);

    await age(id, RESEND_AFTER_MS + 1_000);
    // A plain retry after the wait still sends nothing: only an explicit "send again" does.
    await retrySubmitAs(deps, who.teamId, id);
    expect(await upstreamJobs()).toHaveLength(1);
    await env.sandbox.updateSettings({ dropWebhooks: false });
    expect(await retrySubmitAs(deps, who.teamId, id, { resend: true })).toMatchObject({ ok: true });
    expect(await upstreamJobs()).toHaveLength(2);
    expect(await row(id)).toMatchObject({ status: "queued" });
  });

  it("after a crash mid-call, says it is checking (not 'not sent') and refuses a retry", async () => {
    const { who, deps } = await setup();
    // The process dies while upstream is answering: the claim is made, no outcome is written.
    const hang: VimmerseClient = { ...env.client, createMedia: () => new Promise(() => {}) };
    void createParallax({ ...env, client: hang }, who).catch(() => {});
    await vi.waitFor(async () => {
      const [m] = await db().select().from(media);
      expect(m?.status).toBe("checking");
    });
    const [m] = await db().select().from(media);
    const r = await retrySubmitAs(deps, who.teamId, m!.id);
    expect(r).toMatchObject({ ok: false, reason: "checking", error: STILL_CHECKING });
    expect(await row(m!.id)).toMatchObject({ status: "checking", upstreamId: null });
    expect(await upstreamJobs()).toHaveLength(0);
    // Five minutes were once enough to send it again: not any more.
    await age(m!.id, 6 * 60_000);
    await retrySubmitAs(deps, who.teamId, m!.id);
    expect(await upstreamJobs()).toHaveLength(0);
  });

  it("only adopts a job whose own webhook_url carries this media's secret", async () => {
    const { who } = await setup();
    await env.sandbox.updateSettings({
      faults: { lostAnswer: { next: 1, kind: "drop" } },
      dropWebhooks: true,
    } as never);
    const id = await createParallax(env, who);
    const stranger = await createParallax(env, who, { title: "Other" });
    const strangerJob = (await row(stranger)).upstreamId!;
    const [lostJob] = (await upstreamJobs()).filter((j) => j !== strangerJob);
    const mine = await webhookSecretOf(lostJob!);
    // A notice on this media's URL naming someone else's job: checked upstream, not adopted.
    const res = await handleVimmerseWebhook(
      env.webhookDeps(),
      mine,
      webhookRequest(mine, { customer_id: "c", media_id: strangerJob, status: "success" }),
    );
    expect(res.status).toBe(200);
    expect(await row(id)).toMatchObject({ status: "checking", upstreamId: null });
    // A remembered candidate that turns out to be someone else's is forgotten, not asked about forever.
    await db().update(media).set({ candidateUpstreamId: strangerJob }).where(eq(media.id, id));
    await syncMedia(db(), env.client, env.storage, id);
    expect(await row(id)).toMatchObject({ status: "checking", upstreamId: null, candidateUpstreamId: null });
    const ok = await handleVimmerseWebhook(
      env.webhookDeps(),
      mine,
      webhookRequest(mine, { customer_id: "c", media_id: lostJob, status: "success" }),
    );
    expect(await ok.json()).toMatchObject({ changed: true });
    expect((await row(id)).upstreamId).toBe(lostJob);
  });

  it("is not lost when upstream cannot be asked about the notice's job: the reconciler adopts it later", async () => {
    const { who } = await setup();
    await env.sandbox.updateSettings({ faults: { lostAnswer: { next: 1, kind: "500" } }, dropWebhooks: true } as never);
    const id = await createParallax(env, who);
    const [job] = await upstreamJobs();
    const secret = await webhookSecretOf(job!);
    const { UpstreamUnavailableError } = await import("@/lib/vimmerse");
    const down: VimmerseClient = {
      ...env.client,
      getMedia: async () => {
        throw new UpstreamUnavailableError("Vimmerse unreachable", "network");
      },
    };
    const notice = webhookRequest(secret, { customer_id: "c", media_id: job, status: "success" });
    const res = await handleVimmerseWebhook({ ...env.webhookDeps(), client: down }, secret, notice);
    // Not a 2xx: upstream may notify again. The job is remembered either way.
    expect(res.status).toBe(503);
    expect(await row(id)).toMatchObject({ status: "checking", upstreamId: null, candidateUpstreamId: job });

    await env.sandbox.drain();
    const { reconcile } = await import("@/lib/media/reconcile");
    await reconcile(db(), env.client, env.storage, { fetchFile: env.fetchFile, minAgeMs: 0 });
    expect(await row(id)).toMatchObject({ status: "success", upstreamId: job, candidateUpstreamId: null });
    expect(await upstreamJobs()).toHaveLength(1);
  });

  it("still treats a refused or unreachable upstream as never sent: a plain retry", async () => {
    const { who, deps } = await setup();
    await env.sandbox.updateSettings({ credits: 0 });
    await expect(createParallax(env, who)).rejects.toThrow(/credit/);
    const [m] = await db().select().from(media);
    expect(m).toMatchObject({ status: "not_submitted", submittingAt: null });
    await env.sandbox.updateSettings({ credits: null });
    expect(await retrySubmitAs(deps, who.teamId, m!.id)).toMatchObject({ ok: true });
    expect(await upstreamJobs()).toHaveLength(1);
  });
});

describe("a process call whose answer is lost", () => {
  async function finished() {
    const { who, deps } = await setup();
    const id = await createParallax(env, who);
    await env.sandbox.drain();
    await env.settle();
    const first = await row(id);
    expect(first.status).toBe("success");
    return { who, deps, id, version: first.bulletVersion };
  }

  it("is adopted as the paid generation when upstream renders it, and cannot be pressed twice", async () => {
    const { who, deps, id, version } = await finished();
    await env.sandbox.updateSettings({ credits: 100, faults: { lostAnswer: { next: 1, kind: "drop" } } } as never);
    const r = await processAgainAs(deps, who, { mediaId: id });
    const charged = (await env.sandbox.getSettings()).credits;
    expect(charged).toBeLessThan(100);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/did not confirm/);
    expect(await row(id)).toMatchObject({ status: "checking" });
    expect((await generations(id)).map((g) => [g.kind, g.status])).toEqual([
      ["create", "success"],
      ["process", "checking"],
    ]);
    // A second press while it is being checked: refused, nothing charged.
    expect((await processAgainAs(deps, who, { mediaId: id })).error).toMatch(/rendering/);
    expect((await env.sandbox.getSettings()).credits).toBe(charged);

    await env.sandbox.drain();
    await env.settle();
    await syncMedia(db(), env.client, env.storage, id, { fetchFile: env.fetchFile });
    const next = String(Number(version) + 1);
    expect(await row(id)).toMatchObject({ status: "success", bulletVersion: next, submittingAt: null });
    expect((await generations(id)).map((g) => [g.status, g.bulletVersion])).toEqual([
      ["success", version],
      ["success", next],
    ]);
    expect((await env.sandbox.getSettings()).credits).toBe(charged);
  });

  it("with no trace upstream after the wait, goes back to how it was and says so", async () => {
    const { who, deps, id, version } = await finished();
    // The answer is lost before upstream saw the request (a timeout on the way there).
    const timeout: VimmerseClient = {
      ...env.client,
      processMedia: async () => {
        const { UpstreamUnavailableError } = await import("@/lib/vimmerse");
        throw new UpstreamUnavailableError("Vimmerse did not answer within 30000 ms", "timeout");
      },
    };
    expect((await processAgainAs({ ...deps, client: timeout }, who, { mediaId: id })).ok).toBe(true);
    await syncMedia(db(), env.client, env.storage, id);
    expect(await row(id)).toMatchObject({ status: "checking" });
    await age(id, PENDING_CHANGE_WAIT_MS + 1_000);
    await syncMedia(db(), env.client, env.storage, id);
    expect(await row(id)).toMatchObject({
      status: "success",
      bulletVersion: version,
      submittingAt: null,
      lastError: CHANGE_NOT_SEEN,
    });
    const gens = await generations(id);
    expect(gens[1]).toMatchObject({ kind: "process", status: "fail", error: CHANGE_NOT_SEEN });
    // The person may process it again now, with the usual confirmation.
    expect((await processAgainAs(deps, who, { mediaId: id })).ok).toBe(true);
  });
});

describe("404s while rendering", () => {
  it("fail a render only after repeated 404s past the grace window, and follow upstream back", async () => {
    const { who } = await setup();
    await env.sandbox.updateSettings({ delayMs: 60_000 });
    const id = await createParallax(env, who);
    await env.sandbox.updateSettings({ faults: { notFound: { rate: 1, untilMs: Date.now() + 60_000 } } } as never);
    for (let i = 0; i < 3; i++) await syncMedia(db(), env.client, env.storage, id);
    expect(await row(id)).toMatchObject({ status: "queued" });
    expect((await row(id)).notFoundSince).not.toBeNull();

    // Well past the grace after create, and 404s for longer than the window: failed, for now.
    await db()
      .update(mediaGenerations)
      .set({ createdAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(mediaGenerations.mediaId, id));
    await db()
      .update(media)
      .set({ notFoundSince: new Date(Date.now() - 3 * 60_000) })
      .where(eq(media.id, id));
    await syncMedia(db(), env.client, env.storage, id);
    expect(await row(id)).toMatchObject({ status: "fail" });
    expect((await row(id)).presumedGoneAt).not.toBeNull();

    // Upstream finds it again and finishes it: the media follows.
    await env.sandbox.updateSettings({ delayMs: 0, faults: { notFound: { rate: 0, untilMs: 0 } } } as never);
    await env.sandbox.drain();
    await env.settle();
    await syncMedia(db(), env.client, env.storage, id, { fetchFile: env.fetchFile });
    expect(await row(id)).toMatchObject({ status: "success", presumedGoneAt: null });
  });
});

describe("GIFs upstream refuses", () => {
  it("are asked for once, remembered, left out of downloads, and never a 5xx", async () => {
    const { who } = await setup();
    await env.sandbox.updateSettings({ faults: { refuseObjectTypes: ["bullet_video_gif"] } } as never);
    const asked: string[] = [];
    const counting: VimmerseClient = {
      ...env.client,
      download: (uid, o) => {
        asked.push(o.objectType ?? "");
        return env.client.download(uid, o);
      },
    };
    const id = await createParallax(env, who);
    await env.sandbox.drain();
    await env.settle();
    await syncMedia(db(), counting, env.storage, id, { fetchFile: env.fetchFile });
    await syncMedia(db(), counting, env.storage, id, { fetchFile: env.fetchFile });
    expect(asked.filter((t) => t === "bullet_video_gif").length).toBeLessThanOrEqual(1);

    const { downloadMedia, downloadQuery, NO_GIFS } = await import("@/lib/media/download");
    const q = downloadQuery.parse({ format: "gif", width: "480" });
    const res = await downloadMedia(
      { db: db(), client: counting, storage: env.storage },
      who.teamId,
      id,
      q,
      new Request(APP_URL),
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toBe(NO_GIFS);
    const { loadMediaDetail } = await import("@/lib/media/detail");
    const detail = await loadMediaDetail(db(), { id: who.teamId, slug: "x" }, id);
    expect(detail?.gifs).toBe(false);
  });
});

describe("repeated notices", () => {
  it("cause one upstream GET at a time however many arrive", async () => {
    const { who } = await setup();
    await env.sandbox.updateSettings({ delayMs: 60_000 });
    const id = await createParallax(env, who);
    const job = (await row(id)).upstreamId!;
    const secret = await webhookSecretOf(job);
    let gets = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow: VimmerseClient = {
      ...env.client,
      getMedia: async (uid, o) => {
        gets++;
        await gate;
        return env.client.getMedia(uid, o);
      },
    };
    const deps = { ...env.webhookDeps(), client: slow };
    const notices = Array.from({ length: 50 }, () =>
      handleVimmerseWebhook(
        deps,
        secret,
        webhookRequest(secret, { customer_id: "c", media_id: job, status: "processing" }),
      ),
    );
    await vi.waitFor(() => expect(gets).toBe(1));
    await new Promise((r) => setTimeout(r, 200));
    release();
    const answers = await Promise.all(notices);
    await env.settle();
    expect(answers.every((a) => a.status < 300)).toBe(true);
    // The holder's one GET, and one more pass for the notices that came meanwhile.
    expect(gets).toBeLessThanOrEqual(2);
    const [m] = await db()
      .select()
      .from(media)
      .where(and(eq(media.id, id)));
    expect(m!.syncLeaseUntil).toBeNull();
  });
});

describe("which failures may have reached upstream", () => {
  it("are told from the transport: refused connections and 4xx never did, timeouts and 5xx may have", async () => {
    const { mayHaveReachedUpstream } = await import("@/lib/media/errors");
    const call = async (fetch: typeof globalThis.fetch) => {
      const client = createVimmerseClient({
        baseUrl: "http://u.test",
        apiKey: "k",
        fetch,
        sleep: async () => {},
        timeoutMs: 50,
      });
      return client.processMedia("m1").then(
        () => null,
        (e: unknown) => e,
      );
    };
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(
      mayHaveReachedUpstream(await call(async () => Promise.reject(new TypeError("fetch failed", { cause: refused })))),
    ).toBe(false);
    expect(
      mayHaveReachedUpstream(
        await call(async () => Response.json({ message: "INSUFFICIENT_CREDIT" }, { status: 402 })),
      ),
    ).toBe(false);
    expect(mayHaveReachedUpstream(await call(async () => Response.json({ message: "X" }, { status: 500 })))).toBe(true);
    expect(
      mayHaveReachedUpstream(
        await call(async () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))),
      ),
    ).toBe(true);
    expect(
      mayHaveReachedUpstream(
        await call(
          (_u, init) =>
            new Promise((_r, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
        ),
      ),
    ).toBe(true);
  });
});
