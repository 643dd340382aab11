import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { createSandbox, type Sandbox } from "@/lib/sandbox";
import { sandboxApiKey } from "@/lib/sandbox-key";
import {
  BadRequestError,
  createVimmerseClient,
  InsufficientCreditError,
  isTerminalStatus,
  type Media,
  NotFoundError,
  ValidationError,
  type VimmerseClient,
  variantKeys,
} from "@/lib/vimmerse";
import { solidPng } from "../helpers/png";

// The client against the offline sandbox engine (same HTTP API, in-process): every endpoint and
// every request example of the reference, the error statuses, and a full create → download.

// Real ffmpeg renders: several seconds each, more on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const BASE = "http://sandbox.test/api/sandbox";
/** The key the app derives from AUTH_SECRET (set for the tests in tests/helpers/setup-db.ts). */
const KEY = sandboxApiKey(process.env.AUTH_SECRET);
let sandbox: Sandbox;
let client: VimmerseClient;

const red = () => ({ data: solidPng(64, 48, [220, 40, 40]), contentType: "image/png" });
const blue = () => ({ data: solidPng(64, 48, [40, 40, 220]), contentType: "image/png" });

beforeEach(async () => {
  sandbox = createSandbox({
    db: getDb(),
    filesDir: mkdtempSync(path.join(tmpdir(), "vimmerse-contract-")),
    publicBaseUrl: BASE,
    apiKey: KEY,
    // Webhook deliveries and remote inputs outside the sandbox go nowhere.
    fetch: async () => new Response("offline", { status: 503 }),
    defaults: { credits: null, failRate: 0, delayMs: 0, dropWebhooks: true },
  });
  client = createVimmerseClient({
    baseUrl: BASE,
    apiKey: KEY,
    fetch: (input, init) => sandbox.handle(new Request(input, init)),
    sleep: async () => {},
  });
});

async function finished(id: string): Promise<Media> {
  await sandbox.drain();
  const status = await client.getProcessingStatus(id);
  expect(status).toEqual({ progressPercentage: 100, processingStatus: "success", raw: expect.any(Object) });
  return client.getMedia(id);
}

describe("create endpoints (reference examples)", () => {
  it("POST /media with two image files, then status, media and an mp4 stream", async () => {
    const created = await client.createMedia({
      title: "New Media example with Two images upload",
      visibility_status: "0",
      image_files: [
        { ...red(), filename: "start_frame.png" },
        { ...blue(), filename: "end_frame.png" },
      ],
    });
    expect(created.title).toBe("New Media example with Two images upload");
    expect(created.visibilityStatus).toBe("0");
    expect(created.isTransition).toBe(true);
    expect(created.fileMap.map((f) => f.fileName)).toEqual(["start_frame.png", "end_frame.png"]);
    expect(isTerminalStatus(created.processingStatus)).toBe(false);

    const before = await client
      .download(created.id, { objectType: "bullet_video_mp4", motionType: "Auto1" })
      .catch((e: unknown) => e);
    expect(before).toBeInstanceOf(BadRequestError);
    expect(before).toMatchObject({ status: 400, code: "MEDIA_NOT_READY" });

    const media = await finished(created.id);
    expect(media.id).toBe(created.id);
    expect(media.processingStatus).toBe("success");
    expect(media.bulletVersion).toBe(1);
    expect(media.baseUrl).toMatch(/^http:\/\/sandbox\.test\/api\/sandbox\/files\//);
    expect(variantKeys(media)).toEqual(["Auto1"]);

    const dl = await client.download(media.id, { objectType: "bullet_video_mp4", motionType: variantKeys(media)[0]! });
    expect(dl.body).toBeInstanceOf(ReadableStream);
    expect(dl.body.locked).toBe(false);
    expect(dl.contentType).toBe("video/mp4");
    expect(dl.contentLength).toBeGreaterThan(100);
    expect(dl.fileName).toMatch(/\.mp4$/);
    const bytes = new Uint8Array(await new Response(dl.body).arrayBuffer());
    expect(bytes.byteLength).toBe(dl.contentLength);
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");
  });

  it("POST /media with image URLs, KlingAI and quantity 2", async () => {
    // URLs served by the sandbox itself, so the worker can fetch them offline.
    const source = await client.createMedia({
      image_files: [
        { ...red(), filename: "start_frame.png" },
        { ...blue(), filename: "end_frame.png" },
      ],
    });
    const stored = (n: number) => `${source.baseUrl}inputs/${n}-${n === 1 ? "start_frame" : "end_frame"}.png`;
    const created = await client.createMedia({
      title: "New Media example with 2 image URLs, generate 2 video with motion type.",
      image_urls: [stored(1), stored(2)],
      motion_type: "KlingAI",
      quantity: 2,
    });
    expect(created.posePresets).toHaveLength(1);
    expect(created.posePresets[0]).toMatchObject({ motionType: "KlingAI", params: { quantity: 2 } });
    const media = await finished(created.id);
    expect(variantKeys(media)).toEqual(["KlingAI1", "KlingAI2"]);
    const dl = await client.download(media.id, { objectType: "bullet_video_gif", motionType: "KlingAI2" });
    expect(dl.contentType).toBe("image/gif");
    await dl.body.cancel();
  });

  it("POST /media with a text prompt and sound effects", async () => {
    const created = await client.createMedia({
      title: "New Media example with text prompt and sound effects.",
      prompt: "Generate a video that bunny jumps into the forest.",
      sound_effects: true,
    });
    expect(created.submitParams?.soundEffects).toBe(true);
    expect(created.posePresets[0]!.params.prompt).toBe("Generate a video that bunny jumps into the forest.");
    expect(created.fileMap).toEqual([]);
  });

  it("POST /media/upload with several motions as a pose_preset list", async () => {
    const created = await client.createMediaUpload({
      data: {
        title: "New Media Example1",
        pose_preset: [
          {
            MotionType: "Parallax",
            Params: "CameraPath=HorizontalArc|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
          },
          {
            MotionType: "Parallax",
            Params: "CameraPath=Cross|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
          },
          {
            MotionType: "Parallax",
            Params: "CameraPath=StepD|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
          },
          { MotionType: "Auto", Params: "Prompt=|PromptStrength=1|Quantity=2|MotionAmount=5|MotionLength=5|Loop=1" },
        ],
      },
      images: [{ ...red(), filename: "nike_shoe.png" }],
    });
    expect(created.title).toBe("New Media Example1");
    expect(created.posePresets.map((p) => [p.motionType, p.params.cameraPath])).toEqual([
      ["Parallax", "HorizontalArc"],
      ["Parallax", "Cross"],
      ["Parallax", "StepD"],
      ["Auto", ""],
    ]);
    expect(variantKeys(created)).toEqual(["Parallax1", "Parallax2", "Parallax3", "Auto1", "Auto2"]);
  });

  it("POST /media/upload transition with two images and a typed preset", async () => {
    const created = await client.createMediaUpload({
      data: {
        title: "New Media Example With Transition",
        is_transition: true,
        visibility_status: "0",
        pose_preset: [
          {
            motionType: "Auto",
            params: { prompt: "", promptStrength: 1, quantity: 2, motionAmount: 5, motionLength: 5, loop: 1 },
          },
        ],
      },
      images: [
        { ...red(), filename: "f1.png" },
        { ...blue(), filename: "f2.png" },
      ],
    });
    expect(created.isTransition).toBe(true);
    expect(created.visibilityStatus).toBe("0");
    expect(created.posePresets[0]!.params).toMatchObject({ promptStrength: 1, quantity: 2 });
  });

  it("POST /media/prompt with the reference's JSON payload", async () => {
    const created = await client.createMediaFromPrompt({
      title: "New media from prompt",
      description: "New media from prompt",
      pose_preset: [
        {
          MotionType: "Auto",
          Params:
            "Prompt=Shot of Nike shoes on colorful background.|PromptStrength=5|MotionAmount=5|MotionLength=5|Loop=1|Quantity=2",
        },
      ],
    });
    expect(created.description).toBe("New media from prompt");
    expect(created.posePresets[0]!.params).toMatchObject({
      prompt: "Shot of Nike shoes on colorful background.",
      promptStrength: 5,
      quantity: 2,
    });
    expect(variantKeys(created)).toEqual(["Auto1", "Auto2"]);
  });
});

describe("edit, process, download options", () => {
  it("edit without resubmitting is free; with resubmitting it spends credits and requeues", async () => {
    await sandbox.updateSettings({ credits: 10 });
    const created = await client.createMediaFromPrompt({
      pose_preset: { motionType: "Auto", params: { prompt: "a red ball" } },
    });
    await finished(created.id);
    const credits = (await sandbox.getSettings()).credits;

    const free = await client.editMedia(created.id, {
      title: "New Updated Title",
      rating: "5",
      visibility_status: "2",
    });
    expect(free).toMatchObject({
      title: "New Updated Title",
      rating: 5,
      visibilityStatus: "2",
      processingStatus: "success",
    });
    expect((await sandbox.getSettings()).credits).toBe(credits);

    const paid = await client.editMedia(created.id, {
      title: "New Updated Title",
      motion_type: "RunwayML",
      duration: 9,
    });
    expect(paid.posePresets[0]).toMatchObject({ motionType: "RunwayML", params: { motionLength: 9 } });
    expect(isTerminalStatus(paid.processingStatus)).toBe(false);
    expect((await sandbox.getSettings()).credits).toBeLessThan(credits!);
    expect((await finished(created.id)).bulletVersion).toBe(2);
  });

  it("process resubmits; download honours width and file_size", async () => {
    const created = await client.createMedia({
      image_files: [{ ...red(), filename: "image.png" }],
      motion_type: "Parallax",
      camera_control: "StepIn",
    });
    await finished(created.id);
    const processed = await client.processMedia(created.id);
    // The sandbox answers with the media; upstream may answer {"data": {}} (null).
    if (processed) expect(isTerminalStatus(processed.processingStatus)).toBe(false);
    const media = await finished(created.id);

    const full = await client.download(media.id, { objectType: "bullet_video_mp4", motionType: "Parallax" });
    const small = await client.download(media.id, {
      objectType: "bullet_video_mp4",
      motionType: "Parallax1",
      width: 320,
      fileSize: 4,
    });
    expect(small.contentType).toBe("video/mp4");
    expect(small.contentLength).toBeLessThanOrEqual(4 * 1024 * 1024);
    await full.body.cancel();
    const bytes = new Uint8Array(await new Response(small.body).arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");

    const source = await client.download(media.id, { objectType: "source", motionType: "Parallax1" });
    expect(source.contentType).toBe("image/png");
    await source.body.cancel();
  });
});

describe("errors from the sandbox", () => {
  it("402 when credits run out, on create, paid edit and process", async () => {
    const created = await client.createMediaFromPrompt({
      pose_preset: { motionType: "Auto", params: { prompt: "a cat" } },
    });
    await sandbox.updateSettings({ credits: 0 });
    for (const call of [
      () => client.createMedia({ prompt: "a dog" }),
      () => client.editMedia(created.id, { quantity: 2 }),
      () => client.processMedia(created.id),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InsufficientCreditError);
      expect(err).toMatchObject({ status: 402, code: "INSUFFICIENT_CREDIT" });
    }
    // Free edits still go through.
    expect((await client.editMedia(created.id, { title: "still free" })).title).toBe("still free");
  });

  it("404 for an unknown media on every per-media endpoint", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const call of [
      () => client.getMedia(id),
      () => client.getProcessingStatus(id),
      () => client.editMedia(id, { title: "x" }),
      () => client.processMedia(id),
      () => client.download(id, { objectType: "bullet_video_mp4", motionType: "Auto1" }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect(["NOT_FOUND", "MEDIA_NOT_FOUND"]).toContain((err as NotFoundError).code);
    }
  });

  it("422 with per-field messages for values only the server checks", async () => {
    const err = (await client
      .createMedia({ prompt: "x", camera_control: "Nowhere" })
      .catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.status).toBe(422);
    expect(Object.keys(err.fields)).toEqual(["camera_control"]);
    expect(err.fields.camera_control![0]).toMatch(/HorizontalArc/);

    const err2 = (await client
      .createMediaFromPrompt({ pose_preset: { MotionType: "Auto", Params: "Prompt=x|Quantity=9" } })
      .catch((e: unknown) => e)) as ValidationError;
    expect(err2).toBeInstanceOf(ValidationError);
    expect(err2.fields).toEqual({ "pose_preset.Params.Quantity": [expect.stringMatching(/less than or equal to 4/)] });
  });

  it("400 for a download before the video is ready and for an unknown variant", async () => {
    const created = await client.createMediaFromPrompt({
      pose_preset: { motionType: "Auto", params: { prompt: "a cat" } },
    });
    await expect(
      client.download(created.id, { objectType: "bullet_video_mp4", motionType: "Auto1" }),
    ).rejects.toMatchObject({
      name: "BadRequestError",
      code: "MEDIA_NOT_READY",
    });
    await sandbox.drain();
    await expect(
      client.download(created.id, { objectType: "bullet_video_mp4", motionType: "Parallax7" }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});
