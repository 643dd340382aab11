import { and, eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { media, mediaAssets } from "@/db/media-schema";
import { teams } from "@/db/schema";
import { getDb } from "@/lib/db";
import { handleCron } from "@/lib/http/cron";
import { reconcile } from "@/lib/media/reconcile";
import type { VimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, makeEnv, world } from "../helpers/harness";

// Missed webhooks are normal: the reconciler finds what is still rendering and finishes it.

const CRON_SECRET = "cron-secret-for-tests-0123456789";
process.env.CRON_SECRET = CRON_SECRET;

vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
const cronRoute = await import("@/app/api/cron/reconcile/route");

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
  world.client = env.client;
  world.storage = env.storage;
  await env.sandbox.updateSettings({ dropWebhooks: true });
});
afterEach(async () => {
  await env.sandbox.stopWorker();
});

const row = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!;
const mp4s = async (id: string) =>
  (await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id))).filter((a) => a.kind === "mp4");
const opts = () => ({ fetchFile: env.fetchFile, minAgeMs: 0 });

describe("reconciler", () => {
  it("brings media to done when every webhook is dropped", async () => {
    const { user, team } = await makeUser();
    const who = { teamId: team.id, userId: user.id };
    const a = await createParallax(env, who, { quantity: "2" });
    const b = await createParallax(env, who);
    await env.sandbox.drain();
    expect(env.hooks).toHaveLength(0);
    expect((await row(a)).status).toBe("queued");

    const report = await reconcile(db(), env.client, env.storage, opts());
    expect(report).toMatchObject({ inFlight: 2, checked: 2, updated: 2, errors: 0 });
    expect(await row(a)).toMatchObject({ status: "success", progress: 100 });
    expect(await row(b)).toMatchObject({ status: "success", progress: 100 });
    expect((await mp4s(a)).map((x) => x.variantKey).sort()).toEqual(["Parallax1", "Parallax2"]);

    // Nothing left in flight: the next pass asks upstream nothing.
    const calls: string[] = [];
    const spy: VimmerseClient = {
      ...env.client,
      getMedia: (id, o) => {
        calls.push(id);
        return env.client.getMedia(id, o);
      },
    };
    expect(await reconcile(db(), spy, env.storage, opts())).toMatchObject({
      inFlight: 0,
      missingCopies: 0,
      checked: 0,
    });
    expect(calls).toEqual([]);
  });

  it("works through a bounded batch, the longest unchecked first", async () => {
    const { user, team } = await makeUser();
    const who = { teamId: team.id, userId: user.id };
    const ids = [await createParallax(env, who), await createParallax(env, who), await createParallax(env, who)];
    await env.sandbox.drain();
    // The first was checked most recently: it goes last.
    await db()
      .update(media)
      .set({ syncedAt: new Date(Date.now() - 1_000) })
      .where(eq(media.id, ids[0]!));
    await db()
      .update(media)
      .set({ syncedAt: new Date(Date.now() - 60_000) })
      .where(eq(media.id, ids[1]!));
    await db()
      .update(media)
      .set({ syncedAt: new Date(Date.now() - 30_000) })
      .where(eq(media.id, ids[2]!));
    const first = await reconcile(db(), env.client, env.storage, { ...opts(), batch: 2 });
    expect(first).toMatchObject({ inFlight: 2, updated: 2 });
    expect([(await row(ids[0]!)).status, (await row(ids[1]!)).status, (await row(ids[2]!)).status]).toEqual([
      "queued",
      "success",
      "success",
    ]);
    await reconcile(db(), env.client, env.storage, { ...opts(), batch: 2 });
    expect((await row(ids[0]!)).status).toBe("success");
  });

  it("retries the copy of a finished video the app does not hold yet, down to the last variant", async () => {
    const { user, team } = await makeUser();
    const id = await createParallax(env, { teamId: team.id, userId: user.id }, { quantity: "2" });
    await env.sandbox.drain();
    const broken: VimmerseClient = {
      ...env.client,
      download: async (uid, o) => {
        if (o.motionType !== "Parallax2") return env.client.download(uid, o);
        const { UpstreamUnavailableError } = await import("@/lib/vimmerse");
        throw new UpstreamUnavailableError("down", "network");
      },
    };
    await reconcile(db(), broken, env.storage, opts());
    expect((await row(id)).status).toBe("success");
    // The failed copy left no half-finished row behind.
    expect((await mp4s(id)).map((a) => a.variantKey)).toEqual(["Parallax1"]);

    // The failed run pushed the next try back: the next pass leaves it alone…
    expect(await reconcile(db(), env.client, env.storage, opts())).toMatchObject({ missingCopies: 0 });
    expect((await row(id)).copyAttempts).toBe(1);
    // …until it is due.
    await db()
      .update(media)
      .set({ nextCopyAt: new Date(Date.now() - 1_000) })
      .where(eq(media.id, id));
    const report = await reconcile(db(), env.client, env.storage, opts());
    expect(report).toMatchObject({ inFlight: 0, missingCopies: 1 });
    expect((await row(id)).copyAttempts).toBe(0);
    expect((await mp4s(id)).map((a) => a.variantKey).sort()).toEqual(["Parallax1", "Parallax2"]);
    expect((await mp4s(id)).every((a) => a.bytes! > 1000)).toBe(true);
    expect(await reconcile(db(), env.client, env.storage, opts())).toMatchObject({ missingCopies: 0 });
  });

  it("finds a finished media marked as missing a copy, and leaves one holding all its copies", async () => {
    const { user, team } = await makeUser();
    const lacking = await createParallax(env, { teamId: team.id, userId: user.id }, { quantity: "2" });
    const whole = await createParallax(env, { teamId: team.id, userId: user.id }, { quantity: "2" });
    await env.sandbox.drain();
    await reconcile(db(), env.client, env.storage, opts());
    expect((await mp4s(lacking)).length).toBe(2);
    expect((await mp4s(whole)).length).toBe(2);

    // One copy lost (as if the process died during it), both marked as pending copies.
    await db()
      .delete(mediaAssets)
      .where(and(eq(mediaAssets.mediaId, lacking), eq(mediaAssets.variantKey, "Parallax2")));
    const due = new Date(Date.now() - 1_000);
    await db()
      .update(media)
      .set({ nextCopyAt: due })
      .where(inArray(media.id, [lacking, whole]));

    const report = await reconcile(db(), env.client, env.storage, opts());
    expect(report).toMatchObject({ inFlight: 0, missingCopies: 1 });
    expect((await mp4s(lacking)).map((a) => a.variantKey).sort()).toEqual(["Parallax1", "Parallax2"]);
    expect((await row(whole)).nextCopyAt).toBeNull();
    // Nothing is left pending: the next pass has no copy to look at, and clears the last marker.
    expect(await reconcile(db(), env.client, env.storage, opts())).toMatchObject({ missingCopies: 0 });
    expect((await row(lacking)).nextCopyAt).toBeNull();
  });

  it("keeps going when upstream is down for one media", async () => {
    const { user, team } = await makeUser();
    const who = { teamId: team.id, userId: user.id };
    const [a, b] = [await createParallax(env, who), await createParallax(env, who)];
    await env.sandbox.drain();
    const upstreamA = (await row(a)).upstreamId;
    const flaky: VimmerseClient = {
      ...env.client,
      getMedia: async (uid, o) => {
        if (uid === upstreamA) {
          const { UpstreamUnavailableError } = await import("@/lib/vimmerse");
          throw new UpstreamUnavailableError("down", "network");
        }
        return env.client.getMedia(uid, o);
      },
    };
    const report = await reconcile(db(), flaky, env.storage, opts());
    expect(report).toMatchObject({ checked: 2, errors: 1, updated: 1 });
    expect((await row(a)).status).toBe("queued");
    expect((await row(a)).syncedAt).not.toBeNull();
    expect((await row(b)).status).toBe("success");
  });
});

describe("cron route", () => {
  const call = (auth?: string) =>
    cronRoute.GET(
      new Request("http://studio.test/api/cron/reconcile", { headers: auth ? { authorization: auth } : {} }),
    );

  it("refuses calls without the right bearer token (401) and runs with it", async () => {
    const { user, team } = await makeUser();
    const id = await createParallax(env, { teamId: team.id, userId: user.id });
    await env.sandbox.drain();
    await db()
      .update(media)
      .set({ syncedAt: new Date(Date.now() - 60_000) })
      .where(eq(media.id, id));
    for (const auth of [
      undefined,
      "Bearer wrong-secret",
      `Basic ${CRON_SECRET}`,
      CRON_SECRET,
      `Bearer ${CRON_SECRET}x`,
    ]) {
      expect((await call(auth)).status).toBe(401);
    }
    expect((await row(id)).status).toBe("queued");
    const ok = await call(`Bearer ${CRON_SECRET}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, report: { updated: 1 } });
    expect((await row(id)).status).toBe("success");
  });

  it("purges a team being deleted, with its media", async () => {
    const { user, team } = await makeUser();
    const id = await createParallax(env, { teamId: team.id, userId: user.id });
    await env.sandbox.drain();
    await db().update(teams).set({ deletingAt: new Date() }).where(eq(teams.id, team.id));
    const ok = await call(`Bearer ${CRON_SECRET}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, report: { teams: { teamsDeleted: 1, more: false } } });
    expect(await db().select().from(teams).where(eq(teams.id, team.id))).toEqual([]);
    expect(await db().select().from(media).where(eq(media.id, id))).toEqual([]);
  });

  it("is closed (503) when CRON_SECRET is not configured", async () => {
    const run = vi.fn(async () => ({}));
    const res = await handleCron(
      { cronSecret: undefined, run },
      new Request("http://x/api/cron/reconcile", { headers: { authorization: "Bearer anything" } }),
    );
    expect(res.status).toBe(503);
    expect(run).not.toHaveBeenCalled();
  });
});
