import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { media, mediaAssets, mediaGenerations } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { editDetailsAs } from "@/lib/media/details";
import { CREDIT_MESSAGE } from "@/lib/media/errors";
import { processAgainAs, resubmitAs } from "@/lib/media/regenerate";
import { syncMedia } from "@/lib/media/sync";
import { sandboxMedia } from "@/lib/sandbox/schema";
import type { VimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, makeEnv } from "../helpers/harness";

// The detail page's writes: free edits, resubmission with changed parameters, process again.

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.sandbox.stopWorker();
});

const row = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!;
const upstreamOf = async (id: string) =>
  (
    await db()
      .select()
      .from(sandboxMedia)
      .where(eq(sandboxMedia.id, (await row(id)).upstreamId!))
  )[0]!;
const gens = (id: string) =>
  db().select().from(mediaGenerations).where(eq(mediaGenerations.mediaId, id)).orderBy(mediaGenerations.number);
const generationFields = {
  motionType: "Parallax",
  prompt: "",
  quantity: "1",
  duration: "1",
  loop: "1",
  aspectRatio: "16:9",
};

async function finished() {
  const { user, team } = await makeUser();
  const who = { teamId: team.id, userId: user.id };
  const id = await createParallax(env, who);
  await env.sandbox.drain();
  await env.settle();
  expect((await row(id)).status).toBe("success");
  return { who, id, deps: { db: db(), client: env.client } };
}

describe("free edits", () => {
  it("saves title, description, rating and visibility here and upstream, without a new generation", async () => {
    const { who, id, deps } = await finished();
    const r = await editDetailsAs(deps, who, {
      mediaId: id,
      title: "  Golden hour ",
      description: "By the sea",
      rating: "4",
      visibility: "2",
    });
    expect(r).toEqual({ ok: true, message: "Saved." });
    expect(await row(id)).toMatchObject({
      title: "Golden hour",
      description: "By the sea",
      rating: "4",
      visibility: "2",
      status: "success",
    });
    expect((await row(id)).params).toMatchObject({ title: "Golden hour", visibility: "2" });
    expect(await upstreamOf(id)).toMatchObject({
      title: "Golden hour",
      description: "By the sea",
      rating: "4",
      visibilityStatus: "2",
      generation: 1,
    });
    expect(await gens(id)).toHaveLength(1);
  });

  it("refuses bad values with field messages and changes nothing", async () => {
    const { who, id, deps } = await finished();
    const before = await row(id);
    const r = await editDetailsAs(deps, who, {
      mediaId: id,
      title: "x".repeat(201),
      description: "",
      rating: "9",
      visibility: "7",
    });
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["rating", "title", "visibility"]);
    expect(await row(id)).toEqual(before);
  });

  it("keeps the studio unchanged when upstream is down, and says so", async () => {
    const { who, id, deps } = await finished();
    const { UpstreamUnavailableError } = await import("@/lib/vimmerse");
    const down = {
      ...env.client,
      editMedia: async () => Promise.reject(new UpstreamUnavailableError("down", "network")),
    } as VimmerseClient;
    const r = await editDetailsAs({ ...deps, client: down }, who, {
      mediaId: id,
      title: "New",
      description: "",
      rating: "",
      visibility: "0",
    });
    expect(r.error).toMatch(/can't be reached/);
    expect((await row(id)).title).toBe("Sunset");
  });
});

describe("new generations", () => {
  it("resubmits changed parameters: a new generation, back to queued, then a new version with its own copies", async () => {
    const { who, id, deps } = await finished();
    const r = await resubmitAs(deps, who, { mediaId: id, ...generationFields, duration: "2", quantity: "2" });
    expect(r).toEqual({ ok: true, message: "Generation 2 is on its way." });
    expect(await row(id)).toMatchObject({ status: "queued", progress: 0, finishedAt: null });
    expect((await row(id)).params).toMatchObject({ duration: 2, quantity: 2, cameraPath: "HorizontalArc" });
    expect(await gens(id)).toMatchObject([
      { number: 1, kind: "create", status: "success", bulletVersion: "1" },
      { number: 2, kind: "resubmit", status: "queued", requestedBy: who.userId, params: { duration: 2, quantity: 2 } },
    ]);
    expect((await upstreamOf(id)).spec.poses[0]).toMatchObject({ motionLength: 2, quantity: 2 });

    await env.sandbox.drain();
    await env.settle();
    expect(await row(id)).toMatchObject({ status: "success", bulletVersion: "2" });
    expect((await gens(id))[1]).toMatchObject({ status: "success", bulletVersion: "2" });
    const copies = await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, id));
    expect(
      copies
        .filter((a) => a.kind === "mp4")
        .map((a) => `${a.bulletVersion}:${a.variantKey}`)
        .sort(),
    ).toEqual(["1:Parallax1", "2:Parallax1", "2:Parallax2"]);
  });

  it("process again renders the same parameters as a new generation", async () => {
    const { who, id, deps } = await finished();
    expect(await processAgainAs(deps, who, { mediaId: id })).toEqual({
      ok: true,
      message: "Generation 2 is on its way.",
    });
    expect(await gens(id)).toMatchObject([{ number: 1 }, { number: 2, kind: "process", status: "queued" }]);
    expect((await upstreamOf(id)).generation).toBe(2);
    await env.sandbox.drain();
    await syncMedia(db(), env.client, env.storage, id, { fetchFile: env.fetchFile });
    expect(await row(id)).toMatchObject({ status: "success", bulletVersion: "2" });
  });

  it("two clicks at once spend credits once", async () => {
    const { who, id, deps } = await finished();
    const results = await Promise.all([
      processAgainAs(deps, who, { mediaId: id }),
      processAgainAs(deps, who, { mediaId: id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)?.error).toMatch(/rendering/);
    expect(await gens(id)).toHaveLength(2);
    expect((await upstreamOf(id)).generation).toBe(2);
  });

  it("refuses while rendering, when nothing changed, and on rules the settings break", async () => {
    const { who, id, deps } = await finished();
    expect((await resubmitAs(deps, who, { mediaId: id, ...generationFields })).error).toMatch(/Nothing changed/);
    const bad = await resubmitAs(deps, who, { mediaId: id, ...generationFields, duration: "11", aspectRatio: "2:1" });
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["aspectRatio", "duration"]);
    const tryOn = await resubmitAs(deps, who, { mediaId: id, ...generationFields, motionType: "TryOnVideo" });
    expect(tryOn.error).toMatch(/don't fit/);
    expect(await gens(id)).toHaveLength(1);

    await processAgainAs(deps, who, { mediaId: id });
    expect((await processAgainAs(deps, who, { mediaId: id })).error).toMatch(/rendering/);
    expect((await resubmitAs(deps, who, { mediaId: id, ...generationFields, duration: "3" })).error).toMatch(
      /rendering/,
    );
    expect(await gens(id)).toHaveLength(2);
  });

  it("not enough credits: the user is told, and the media is as it was", async () => {
    const { who, id, deps } = await finished();
    await env.sandbox.updateSettings({ credits: 0 });
    const before = await row(id);
    const r = await resubmitAs(deps, who, { mediaId: id, ...generationFields, duration: "2" });
    expect(r.error).toBe(CREDIT_MESSAGE);
    expect(await processAgainAs(deps, who, { mediaId: id })).toEqual({ error: CREDIT_MESSAGE });
    const after = await row(id);
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    expect(await gens(id)).toHaveLength(1);
    expect((await upstreamOf(id)).generation).toBe(1);
  });

  it("upstream field errors land on the form's fields", async () => {
    const { who, id, deps } = await finished();
    const { ValidationError } = await import("@/lib/vimmerse");
    const picky = {
      ...env.client,
      editMedia: async () => Promise.reject(new ValidationError("bad", { duration: ["too long for this model"] })),
    } as VimmerseClient;
    const r = await resubmitAs({ ...deps, client: picky }, who, { mediaId: id, ...generationFields, duration: "9" });
    expect(r).toMatchObject({ fieldErrors: { duration: ["too long for this model"] } });
    expect((await row(id)).status).toBe("success");
  });
});
