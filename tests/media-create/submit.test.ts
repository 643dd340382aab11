import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { media, mediaGenerations } from "@/db/media-schema";
import { createMediaOnce, recordSubmitOutcome } from "@/db/queries/media";
import { recordUpload } from "@/db/queries/uploads";
import { teams } from "@/db/schema";
import { getDb } from "@/lib/db";
import * as service from "@/lib/media/create";
import { CREDIT_MESSAGE, UNAVAILABLE } from "@/lib/media/errors";
import { RESEND_AFTER_MS } from "@/lib/media/submit";
import { hashWebhookSecret } from "@/lib/media/webhook-secret";
import { sandboxMedia } from "@/lib/sandbox/schema";
import type { Storage } from "@/lib/storage/types";
import { createVimmerseClient, type VimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import {
  APP_URL,
  downClient,
  FILE_SECRET,
  formOf,
  SANDBOX_BASE,
  SANDBOX_KEY,
  tempDir,
  tempStorage,
} from "../helpers/harness";
import { png } from "../helpers/png";

// Create and submit against the in-process sandbox engine (the same HTTP API as the cloud).

const db = () => getDb();

type Sandbox = Awaited<ReturnType<typeof import("@/lib/sandbox").createSandbox>>;
let sandbox: Sandbox;
let storage: Storage;

function sandboxClient(
  wrap?: (req: Request, next: (r: Request) => Promise<Response>) => Promise<Response>,
): VimmerseClient {
  const handle = (r: Request) => sandbox.handle(r);
  return createVimmerseClient({
    baseUrl: SANDBOX_BASE,
    apiKey: SANDBOX_KEY,
    fetch: (input, init) => {
      const req = new Request(input, init);
      return wrap ? wrap(req, handle) : handle(req);
    },
    sleep: async () => {},
  });
}

const deps = (client: VimmerseClient) => ({ db: db(), client, storage, appUrl: APP_URL, fileSecret: FILE_SECRET });

beforeEach(async () => {
  const { createSandbox } = await import("@/lib/sandbox");
  storage = tempStorage();
  sandbox = await createSandbox({
    db: db(),
    filesDir: tempDir("sandbox"),
    publicBaseUrl: SANDBOX_BASE,
    apiKey: SANDBOX_KEY,
    appOrigin: APP_URL,
    // Webhooks and input fetches go nowhere in these tests.
    fetch: async () => new Response("offline", { status: 503 }),
  });
  await sandbox.updateSettings({ credits: null, failRate: 0, delayMs: 0, dropWebhooks: true });
});

afterEach(async () => {
  await sandbox.stopWorker?.();
});

async function uploadPng(teamId: string, userId: string) {
  const key = `uploads/${teamId}/${crypto.randomUUID()}.png`;
  const bytes = png();
  await storage.put(key, bytes, "image/png");
  return recordUpload(db(), {
    teamId,
    uploadedBy: userId,
    storage: "local",
    storageKey: key,
    url: null,
    name: "photo.png",
    contentType: "image/png",
    bytes: bytes.byteLength,
  });
}

const upstreamCount = async () => (await db().select({ id: sandboxMedia.id }).from(sandboxMedia)).length;

describe("create and submit", () => {
  it("records the media first, then submits a Parallax video from an uploaded photo", async () => {
    const { user, team } = await makeUser();
    const up = await uploadPng(team.id, user.id);
    const form = formOf({
      idempotencyKey: crypto.randomUUID(),
      motionType: "Parallax",
      cameraPath: "Circular",
      firstImage: up.id,
      title: "Shoe",
      quantity: "2",
      soundEffects: "on",
    });
    const r = await service.createMediaAs(deps(sandboxClient()), { teamId: team.id, userId: user.id }, form);
    expect(r).toMatchObject({ ok: true, created: true });

    const [m] = await db().select().from(media);
    expect(m).toMatchObject({
      teamId: team.id,
      createdBy: user.id,
      title: "Shoe",
      visibility: "0",
      motionType: "Parallax",
      lastError: null,
    });
    expect(m!.upstreamId).toBeTruthy();
    expect(["queued", "processing"]).toContain(m!.status);
    expect(m!.upstream).toMatchObject({ id: m!.upstreamId });
    expect(m!.inputs).toEqual([{ role: "first", key: up.storageKey, contentType: "image/png", name: "photo.png" }]);
    const gens = await db().select().from(mediaGenerations);
    expect(gens).toMatchObject([{ number: 1, kind: "create", mediaId: m!.id, requestedBy: user.id }]);
    expect(gens[0]!.status).toBe(m!.status);

    const [up1] = await db().select().from(sandboxMedia);
    expect(up1!.visibilityStatus).toBe("0");
    expect(up1!.webhookUrl.startsWith(`${APP_URL}/api/webhooks/vimmerse/`)).toBe(true);
    // The secret in the URL matches the stored hash; the secret itself is not stored.
    const secret = up1!.webhookUrl.split("/").pop()!;
    expect(hashWebhookSecret(secret)).toBe(m!.webhookSecretHash);
    expect(JSON.stringify(m)).not.toContain(secret);
    expect(up1!.spec).toMatchObject({
      soundEffects: true,
      poses: [{ motionType: "Parallax", cameraPath: "Circular", quantity: 2 }],
    });
    expect(up1!.fileMap).toHaveLength(1);
  });

  it("sends two images as first and last frame, and a prompt alone", async () => {
    const { user, team } = await makeUser();
    const a = await uploadPng(team.id, user.id);
    const b = await uploadPng(team.id, user.id);
    const who = { teamId: team.id, userId: user.id };
    const two = await service.createMediaAs(
      deps(sandboxClient()),
      who,
      formOf({ idempotencyKey: crypto.randomUUID(), motionType: "Auto", firstImage: a.id, lastImage: b.id }),
    );
    const prompt = await service.createMediaAs(
      deps(sandboxClient()),
      who,
      formOf({ idempotencyKey: crypto.randomUUID(), prompt: "a bunny jumps into the forest", aspectRatio: "9:16" }),
    );
    expect(two.ok && prompt.ok).toBe(true);
    const rows = await db().select().from(sandboxMedia);
    const withFiles = rows.find((r) => r.fileMap.length === 2);
    expect(withFiles?.isTransition).toBe("Yes");
    const fromPrompt = rows.find((r) => r.fileMap.length === 0);
    expect(fromPrompt?.spec.poses[0]).toMatchObject({ prompt: "a bunny jumps into the forest", aspectRatio: "9:16" });
  });

  it("try-on sends the person and garment with the chosen model; character animation uses S2V", async () => {
    const { user, team } = await makeUser();
    const person = await uploadPng(team.id, user.id);
    const garment = await uploadPng(team.id, user.id);
    const character = await uploadPng(team.id, user.id);
    const who = { teamId: team.id, userId: user.id };
    const tryOn = await service.createMediaAs(
      deps(sandboxClient()),
      who,
      formOf({
        idempotencyKey: crypto.randomUUID(),
        motionType: "TryOnVideo",
        personImage: person.id,
        garmentImage: garment.id,
        tryOnModel: "KlingTryOn",
      }),
    );
    const anim = await service.createMediaAs(
      deps(sandboxClient()),
      who,
      formOf({
        idempotencyKey: crypto.randomUUID(),
        characterAnimate: "Yes",
        firstImage: character.id,
        prompt: "waves hello",
      }),
    );
    expect(tryOn.ok && anim.ok).toBe(true);
    const rows = await db().select().from(sandboxMedia);
    const t = rows.find((r) => r.spec.model === "KlingTryOn");
    expect(t?.spec.poses[0]?.motionType).toBe("TryOnVideo");
    expect(t?.fileMap).toHaveLength(2);
    const c = rows.find((r) => r.spec.model === "S2V");
    expect(c?.spec.characterAnimate).toBe(true);
  });

  it("one idempotency key makes one media, however often it is sent", async () => {
    const { user, team } = await makeUser();
    const key = crypto.randomUUID();
    const who = { teamId: team.id, userId: user.id };
    const client = sandboxClient();
    const [r1, r2] = await Promise.all([
      service.createMediaAs(deps(client), who, formOf({ idempotencyKey: key, prompt: "a cat" })),
      service.createMediaAs(deps(client), who, formOf({ idempotencyKey: key, prompt: "a cat" })),
    ]);
    const r3 = await service.createMediaAs(deps(client), who, formOf({ idempotencyKey: key, prompt: "a cat" }));
    expect(await db().select().from(media)).toHaveLength(1);
    expect(await db().select().from(mediaGenerations)).toHaveLength(1);
    expect(await upstreamCount()).toBe(1);
    const ids = new Set([r1, r2, r3].map((r) => r.mediaId));
    expect(ids.size).toBe(1);
    expect(r3).toMatchObject({ ok: true, created: false });
  });

  it("a resend waits for the team before touching its media, so it cannot deadlock with a claim", async () => {
    const { user, team } = await makeUser();
    const who = { teamId: team.id, userId: user.id };
    const key = crypto.randomUUID();
    // Recorded and never sent: a resend of the form updates it, reserves, then submits.
    const { media: recorded } = await createMediaOnce(db(), {
      teamId: team.id,
      createdBy: user.id,
      title: "a cat",
      description: "",
      visibility: "0",
      motionType: "parallax",
      params: {},
      inputs: [],
      webhookSecretHash: hashWebhookSecret(crypto.randomUUID()),
      idempotencyKey: key,
    });
    const lockWaits = async () => {
      const rows = await db().execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return Number((rows as unknown as { n: number }[])[0]?.n ?? 0);
    };
    let resend!: Promise<service.CreateOutcome>;
    // A claim's order: the team row, then the media row. The resend, started while the team is
    // held, must not already hold that media row, or this update and the resend deadlock.
    await db().transaction(async (tx) => {
      await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, team.id)).for("no key update");
      resend = service.createMediaAs(deps(sandboxClient()), who, formOf({ idempotencyKey: key, prompt: "a cat" }));
      for (let i = 0; i < 200 && (await lockWaits()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await lockWaits()).toBeGreaterThan(0);
      await tx.update(media).set({ updatedAt: new Date() }).where(eq(media.id, recorded.id));
    });
    expect(await resend).toMatchObject({ ok: true, mediaId: recorded.id });
  });

  it("a second send while the first is still waiting on upstream makes no second video", async () => {
    const { user, team } = await makeUser();
    const who = { teamId: team.id, userId: user.id };
    const key = crypto.randomUUID();
    const form = () => formOf({ idempotencyKey: key, prompt: "a cat" });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let creates = 0;
    const slow = sandboxClient(async (req, next) => {
      // The only POST of a submit is the create (POST /media, or /media/prompt for a prompt).
      if (req.method === "POST") {
        creates++;
        await held;
      }
      return next(req);
    });
    const first = service.createMediaAs(deps(slow), who, form());
    await expect.poll(() => creates).toBe(1);
    // The first call is out: a second click gets the same video, not a second create.
    const second = await service.createMediaAs(deps(slow), who, form());
    expect(second).toMatchObject({ ok: true, created: false });
    release();
    const r1 = await first;
    expect(r1).toMatchObject({ ok: true, created: true, mediaId: second.ok ? second.mediaId : "" });
    expect(creates).toBe(1);
    expect(await upstreamCount()).toBe(1);
    const [m] = await db().select().from(media);
    expect(m!.submittingAt).toBeNull();
  });

  it("a submit that died mid-call is being checked: no retry sends it, only a send again after the wait", async () => {
    const { user, team } = await makeUser();
    const who = { teamId: team.id, userId: user.id };
    const r = await service.createMediaAs(
      deps(downClient()),
      who,
      formOf({ idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    expect(r.ok).toBe(false);
    const id = r.mediaId!;
    // As a process that crashed while waiting on upstream leaves it: claimed, call out, no outcome.
    await db().update(media).set({ status: "checking", submittingAt: new Date() }).where(eq(media.id, id));
    expect(await service.retrySubmitAs(deps(sandboxClient()), team.id, id)).toMatchObject({
      ok: false,
      reason: "checking",
    });
    expect(await upstreamCount()).toBe(0);
    // Once a stale mark was enough to send it again: now a plain retry never is.
    await db()
      .update(media)
      .set({ submittingAt: new Date(Date.now() - 6 * 60_000) })
      .where(eq(media.id, id));
    await service.retrySubmitAs(deps(sandboxClient()), team.id, id);
    expect(await upstreamCount()).toBe(0);
    await service.retrySubmitAs(deps(sandboxClient()), team.id, id, { resend: true });
    expect(await upstreamCount()).toBe(0);
    await db()
      .update(media)
      .set({ submittingAt: new Date(Date.now() - RESEND_AFTER_MS - 1_000) })
      .where(eq(media.id, id));
    expect(await service.retrySubmitAs(deps(sandboxClient()), team.id, id, { resend: true })).toMatchObject({
      ok: true,
    });
    expect(await upstreamCount()).toBe(1);
  });

  it("upstream accepted but the studio could not record it: no retry may create it again", async () => {
    const { user, team } = await makeUser();
    const who = { teamId: team.id, userId: user.id };
    // The database refuses to store any upstream id, as a dropped connection would.
    await db().execute(
      sql.raw(`
      create function refuse_upstream_id() returns trigger language plpgsql as $$ begin raise exception 'connection lost'; end $$;
      create trigger refuse_upstream_id before update on media for each row when (new.upstream_id is not null) execute function refuse_upstream_id();`),
    );
    let id: string;
    try {
      await expect(
        service.createMediaAs(
          deps(sandboxClient()),
          who,
          formOf({ idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
        ),
      ).rejects.toMatchObject({ cause: { message: "connection lost" } });
      const [m] = await db().select().from(media);
      id = m!.id;
      expect(m).toMatchObject({ upstreamId: null, lastError: null });
      expect(m!.submittingAt).not.toBeNull();
    } finally {
      await db().execute(sql.raw("drop trigger refuse_upstream_id on media; drop function refuse_upstream_id();"));
    }
    expect(await upstreamCount()).toBe(1);
    // A retry sends nothing: upstream still has one job, charged once, and the media is checking.
    expect(await service.retrySubmitAs(deps(sandboxClient()), team.id, id)).toMatchObject({
      ok: false,
      reason: "checking",
    });
    expect(await upstreamCount()).toBe(1);
    expect((await db().select().from(media).where(eq(media.id, id)))[0]).toMatchObject({ status: "checking" });
  });

  it("an outcome from a submitter whose claim was taken over is not written", async () => {
    const { user, team } = await makeUser();
    const r = await service.createMediaAs(
      deps(downClient()),
      { teamId: team.id, userId: user.id },
      formOf({ idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    const [before] = await db().select().from(media).where(eq(media.id, r.mediaId!));
    const late = {
      ok: true as const,
      upstreamId: "late-job",
      upstream: {},
      status: "queued" as const,
      progress: 0,
      bulletVersion: null,
      finished: false,
    };
    expect(await recordSubmitOutcome(db(), team.id, before!.id, "someone-elses-claim", late)).toBe(false);
    expect(
      await recordSubmitOutcome(db(), team.id, before!.id, "someone-elses-claim", { ok: false, error: "late failure" }),
    ).toBe(false);
    const [after] = await db().select().from(media).where(eq(media.id, before!.id));
    expect(after).toEqual(before);
  });

  it("insufficient credit: stays not submitted with the message, nothing created upstream", async () => {
    const { user, team } = await makeUser();
    await sandbox.updateSettings({ credits: 0 });
    const r = await service.createMediaAs(
      deps(sandboxClient()),
      { teamId: team.id, userId: user.id },
      formOf({ idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    expect(r).toMatchObject({ ok: false, reason: "credit", error: CREDIT_MESSAGE });
    const [m] = await db().select().from(media);
    expect(m).toMatchObject({ status: "not_submitted", upstreamId: null, lastError: CREDIT_MESSAGE });
    expect(await upstreamCount()).toBe(0);
  });

  it("upstream down: kept as not submitted; a retry submits the same media once", async () => {
    const { user, team } = await makeUser();
    const r = await service.createMediaAs(
      deps(downClient()),
      { teamId: team.id, userId: user.id },
      formOf({ idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    expect(r).toMatchObject({ ok: false, reason: "unavailable", error: UNAVAILABLE.create });
    const [before] = await db().select().from(media);
    expect(before).toMatchObject({ status: "not_submitted", upstreamId: null, lastError: UNAVAILABLE.create });

    const retried = await service.retrySubmitAs(deps(sandboxClient()), team.id, before!.id);
    expect(retried).toMatchObject({ ok: true, mediaId: before!.id });
    const again = await service.retrySubmitAs(deps(sandboxClient()), team.id, before!.id);
    expect(again.ok).toBe(true);
    const rows = await db().select().from(media);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lastError: null });
    expect(rows[0]!.upstreamId).toBeTruthy();
    expect(await upstreamCount()).toBe(1);
  });

  it("two retries at once reach upstream once", async () => {
    const { user, team } = await makeUser();
    await service.createMediaAs(
      deps(downClient()),
      { teamId: team.id, userId: user.id },
      formOf({ idempotencyKey: crypto.randomUUID(), prompt: "a cat" }),
    );
    const [m] = await db().select().from(media);
    const slow = sandboxClient(async (req, next) => {
      await new Promise((r) => setTimeout(r, 100));
      return next(req);
    });
    const results = await Promise.all([
      service.retrySubmitAs(deps(slow), team.id, m!.id),
      service.retrySubmitAs(deps(slow), team.id, m!.id),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.find((x) => !x.ok)).toMatchObject({ reason: "busy" });
    expect(await upstreamCount()).toBe(1);
  });

  it("validation errors from upstream come back on the form's fields", async () => {
    const { user, team } = await makeUser();
    const refusing = sandboxClient(async () =>
      Response.json(
        {
          detail: [
            { loc: ["body", "motion_range"], msg: "Input should be less than or equal to 8", type: "less_than_equal" },
            { loc: ["body", "aspect_ratio"], msg: "Not for this model", type: "value_error" },
          ],
        },
        { status: 422 },
      ),
    );
    const key = crypto.randomUUID();
    const who = { teamId: team.id, userId: user.id };
    const r = await service.createMediaAs(
      deps(refusing),
      who,
      formOf({ idempotencyKey: key, prompt: "a cat", motionAmount: "10" }),
    );
    expect(r).toMatchObject({
      ok: false,
      reason: "validation",
      fieldErrors: { motionAmount: ["Input should be less than or equal to 8"], aspectRatio: ["Not for this model"] },
    });
    const [m] = await db().select().from(media);
    expect(m!.status).toBe("not_submitted");

    // The user fixes the field and sends the same form again: the same media, now submitted.
    const fixed = await service.createMediaAs(
      deps(sandboxClient()),
      who,
      formOf({ idempotencyKey: key, prompt: "a cat", motionAmount: "6" }),
    );
    expect(fixed).toMatchObject({ ok: true, mediaId: m!.id });
    const rows = await db().select().from(media).where(eq(media.id, m!.id));
    expect(rows[0]!.params).toMatchObject({ motionAmount: 6 });
    expect(await db().select().from(media)).toHaveLength(1);
    expect((await db().select().from(sandboxMedia))[0]!.spec.poses[0]!.motionAmount).toBe(6);
  });
});
