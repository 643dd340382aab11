import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Origins } from "./access";
import { type FormInput, formObject, readForm, readJson } from "./body";
import type { Db } from "./db";
import { type FastApiIssue, fail, json, notFound, parseOr422, unprocessable, zodToDetail } from "./errors";
import { objectTypeRefused } from "./faults";
import { int, num } from "./fields";
import { contentTypeFor, type FileStore, fileResponse, newFilesKey, safeName } from "./files";
import {
  applyEdit,
  costOf,
  createMediaForm,
  editMediaForm,
  poseFromForm,
  posePresetJson,
  posesFrom,
  promptBody,
  specOf,
  submitParamsJson,
  uploadData,
} from "./params";
import { deriveGif, deriveMp4, SizeUnreachable } from "./render/derive";
import { ffprobe, videoStream } from "./render/ffmpeg";
import { SERVICE_VERSION, serviceName } from "./render/plan";
import { type SandboxMediaRow, sandboxMedia } from "./schema";
import { spendCredits } from "./settings";
import { findMedia, insertMedia, type MediaPatch, updateMedia } from "./store";
import type { GenerationSpec, SandboxFaults, SandboxSettings, StoredInput } from "./types";
import { mediaJson } from "./view";

// The media endpoints. Each validates its input (422), checks the customer owns the media
// (404), charges credits where upstream does (402) and answers with upstream's shapes. Input
// URLs and webhook URLs off the host's origin are refused (422): the sandbox reads only the
// studio's own files and notifies only the studio.

export type ApiContext = {
  db: Db;
  files: FileStore;
  origins: Origins;
  defaults: SandboxSettings;
  /** A job was queued: lets a running worker start on it without waiting for its next poll. */
  queued: () => void;
  /** Per request: the faults in force (http.ts). */
  faults?: SandboxFaults;
  /** Per request: the call has spent credits and (re)submitted a job (http.ts may then lose its answer). */
  charged?: () => void;
};

const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

type NewMedia = {
  title: string;
  description: string;
  visibility: string;
  rating?: string;
  webhookUrl: string;
  spec: GenerationSpec;
  submitParams: Record<string, string>;
  uploads: { file: File; loc: (string | number)[] }[];
  remote: StoredInput[];
};

/** Stores uploads (after checking each really is an image), charges, inserts the job. */
async function createMedia(ctx: ApiContext, customerId: string, m: NewMedia): Promise<Response> {
  const imageCount = m.uploads.length + m.remote.length;
  if (imageCount === 0 && !m.spec.poses.some((p) => p.prompt.trim() !== ""))
    throw fail(400, "PROMPT_OR_IMAGE_REQUIRED");
  const id = randomUUID();
  const filesKey = newFilesKey();
  const dir = ctx.files.mediaDir(filesKey);
  const inputs: StoredInput[] = [];
  try {
    const issues: FastApiIssue[] = [];
    for (const [i, { file, loc }] of m.uploads.entries()) {
      if (file.size > MAX_IMAGE_BYTES) {
        issues.push({ loc, msg: `File should be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, type: "too_long" });
        continue;
      }
      const name = `inputs/${i + 1}-${safeName(file.name || "image.png", ".png")}`;
      const full = path.join(dir, name);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, Buffer.from(await file.arrayBuffer()));
      const info = await ffprobe(full).catch(() => null);
      const v = info && videoStream(info);
      if (!v?.width || !v.height) {
        issues.push({
          loc,
          msg: "Upload a valid image. The file is either not an image or a corrupted image.",
          type: "value_error",
        });
        continue;
      }
      // With two images the later one is the last frame (upstream: "most recently uploaded").
      inputs.push({
        kind: "image",
        position: i === 0 ? "First" : "Last",
        name: file.name || `image${i + 1}`,
        file: name,
      });
    }
    if (issues.length) throw unprocessable(issues);
    for (const r of m.remote) inputs.push(r);

    const cost = costOf(m.spec);
    const row = await ctx.db.transaction(async (tx) => {
      if (!(await spendCredits(tx, ctx.defaults, cost))) throw fail(402, "INSUFFICIENT_CREDIT");
      return insertMedia(tx, {
        id,
        customerId,
        filesKey,
        title: m.title,
        description: m.description,
        rating: m.rating ?? "",
        visibilityStatus: m.visibility,
        isTransition: inputs.filter((i) => i.kind === "image").length >= 2 ? "Yes" : "No",
        webhookUrl: m.webhookUrl,
        spec: m.spec,
        posePreset: posePresetJson(m.spec.poses),
        submitParams: m.submitParams,
        fileMap: inputs.map((i) => ({ FileType: i.kind === "video" ? "Video" : "Texture", FileName: i.name })),
        inputs,
        serviceName: serviceName(m.spec),
        serviceVersion: SERVICE_VERSION,
      });
    });
    ctx.queued();
    ctx.charged?.();
    return json({ data: mediaJson(ctx.files, row) });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

type UrlCheck = { url: string; loc: (string | number)[]; use: "input" | "webhook" };

/** 422 for every input URL the sandbox may not read and every webhook URL it may not call. */
function refuseForeignUrls(ctx: ApiContext, checks: UrlCheck[]): void {
  const issues: FastApiIssue[] = [];
  for (const c of checks) {
    if (c.use === "input" && !ctx.origins.inputAllowed(c.url)) issues.push(ctx.origins.inputIssue(c.loc));
    if (c.use === "webhook" && c.url !== "" && !ctx.origins.onApp(c.url)) issues.push(ctx.origins.webhookIssue(c.loc));
  }
  if (issues.length) throw unprocessable(issues);
}

function nameOfUrl(u: string): string {
  const last = new URL(u).pathname.split("/").pop() || "";
  try {
    return decodeURIComponent(last) || "image";
  } catch {
    return last || "image";
  }
}

/** POST /media */
export async function createFromForm(ctx: ApiContext, customerId: string, req: Request): Promise<Response> {
  const form = await readForm(req);
  const f = parseOr422(createMediaForm, formObject(form, ["image_urls"]), ["body"]);
  refuseForeignUrls(ctx, [
    ...f.image_urls.map((url, i): UrlCheck => ({ url, loc: ["body", "image_urls", i], use: "input" })),
    ...f.media_items.map((m, i): UrlCheck => ({ url: m.url, loc: ["body", "media_items", i, "url"], use: "input" })),
    { url: f.webhook_url, loc: ["body", "webhook_url"], use: "webhook" },
  ]);
  const files = form.files.get("image_files") ?? [];
  if (files.length > 2)
    throw unprocessable([
      { loc: ["body", "image_files"], msg: "List should have at most 2 items after validation", type: "too_long" },
    ]);
  // Uploaded files win over URLs; media_items is the later API's way to give URLs.
  const remote: StoredInput[] =
    files.length > 0
      ? []
      : f.media_items.length > 0
        ? f.media_items.map((item) => ({
            kind: item.type,
            position: item.position,
            name: nameOfUrl(item.url),
            url: item.url,
          }))
        : f.image_urls.map((u, i) => ({
            kind: "image",
            position: i === 0 ? "First" : "Last",
            name: nameOfUrl(u),
            url: u,
          }));
  const spec = specOf([poseFromForm(f)], {
    soundEffects: f.sound_effects === "Yes",
    model: f.model,
    extendVideo: f.extend_video === "Yes",
    characterAnimate: f.character_animate === "Yes",
  });
  return createMedia(ctx, customerId, {
    title: f.title,
    description: f.description,
    visibility: f.visibility_status,
    webhookUrl: f.webhook_url,
    spec,
    submitParams: submitParamsJson(spec.soundEffects),
    uploads: files.map((file, i) => ({ file, loc: ["body", "image_files", i] })),
    remote,
  });
}

function specFromData(
  d: z.output<typeof uploadData>,
  loc: (string | number)[],
): { spec: GenerationSpec; submitParams: Record<string, string> } {
  const poses = posesFrom({ pose_preset: d.pose_preset, prompt: d.prompt, aspect_ratio: d.aspect_ratio }, loc);
  if ("issues" in poses) throw unprocessable(zodToDetail(poses.issues, poses.loc));
  const soundEffects = d.submit_params?.sound_effects === "Yes";
  return {
    spec: specOf(poses.poses, { soundEffects, model: d.model }),
    submitParams: submitParamsJson(soundEffects, d.submit_params),
  };
}

/** POST /media/upload: `data` (JSON text) and `image` files. */
export async function createFromUpload(ctx: ApiContext, customerId: string, req: Request): Promise<Response> {
  const form: FormInput = await readForm(req);
  const raw = form.fields.get("data")?.at(-1) ?? "{}";
  let data: unknown;
  try {
    data = JSON.parse(raw || "{}");
  } catch {
    throw unprocessable([{ loc: ["body", "data"], msg: "Invalid JSON", type: "json_invalid" }]);
  }
  const d = parseOr422(uploadData, data, ["body", "data"]);
  refuseForeignUrls(ctx, [{ url: d.webhook_url, loc: ["body", "data", "webhook_url"], use: "webhook" }]);
  const files = form.files.get("image") ?? form.files.get("image_files") ?? [];
  if (files.length > 2)
    throw unprocessable([
      { loc: ["body", "image"], msg: "List should have at most 2 items after validation", type: "too_long" },
    ]);
  const { spec, submitParams } = specFromData(d, ["body", "data"]);
  return createMedia(ctx, customerId, {
    title: d.title,
    description: d.description,
    visibility: d.visibility_status,
    webhookUrl: d.webhook_url,
    spec,
    submitParams,
    uploads: files.map((file, i) => ({ file, loc: ["body", "image", i] })),
    remote: [],
  });
}

/** POST /media/prompt: JSON body, no images. */
export async function createFromPrompt(ctx: ApiContext, customerId: string, req: Request): Promise<Response> {
  const d = parseOr422(promptBody, await readJson(req), ["body"]);
  refuseForeignUrls(ctx, [{ url: d.webhook_url, loc: ["body", "webhook_url"], use: "webhook" }]);
  const { spec, submitParams } = specFromData(d, ["body"]);
  if (!spec.poses.some((p) => p.prompt.trim() !== "")) throw fail(400, "PROMPT_REQUIRED");
  return createMedia(ctx, customerId, {
    title: d.title,
    description: d.description,
    visibility: d.visibility_status,
    rating: d.rating,
    webhookUrl: d.webhook_url,
    spec,
    submitParams,
    uploads: [],
    remote: [],
  });
}

async function mine(ctx: ApiContext, customerId: string, id: string): Promise<SandboxMediaRow> {
  const row = await findMedia(ctx.db, id, customerId);
  if (!row) throw notFound();
  return row;
}

/** GET /media/{id}: upstream nests the object twice here (and only here). */
export async function readMedia(ctx: ApiContext, customerId: string, id: string): Promise<Response> {
  return json({ data: { data: mediaJson(ctx.files, await mine(ctx, customerId, id)) } });
}

/** GET /media/{id}/processing-status: progress as a string, as upstream's example has it. */
export async function processingStatus(ctx: ApiContext, customerId: string, id: string): Promise<Response> {
  const row = await mine(ctx, customerId, id);
  return json({ data: { progress_percentage: String(row.progress), processing_status: row.status } });
}

/** The columns a (re)submission resets: a new generation, back in the queue. */
function resubmission(spec: GenerationSpec, submitParams: Record<string, string>): MediaPatch {
  return {
    spec,
    posePreset: posePresetJson(spec.poses),
    submitParams: { ...submitParams, sound_effects: spec.soundEffects ? "Yes" : "No" },
    serviceName: serviceName(spec),
    generation: sql`${sandboxMedia.generation} + 1`,
    status: "queue_bullet",
    progress: 0,
    attempts: 0,
    error: null,
    lockedBy: null,
    lockedUntil: null,
  };
}

/** PUT /media/{id}/edit */
export async function editMedia(ctx: ApiContext, customerId: string, id: string, req: Request): Promise<Response> {
  const row = await mine(ctx, customerId, id);
  const form = await readForm(req);
  const e = parseOr422(editMediaForm, formObject(form), ["body"]);
  if (e.webhook_url !== undefined)
    refuseForeignUrls(ctx, [{ url: e.webhook_url, loc: ["body", "webhook_url"], use: "webhook" }]);
  const free: MediaPatch = {};
  if (e.title !== undefined) free.title = e.title;
  if (e.description !== undefined) free.description = e.description;
  if (e.rating !== undefined) free.rating = e.rating;
  if (e.visibility_status !== undefined) free.visibilityStatus = e.visibility_status;
  if (e.webhook_url !== undefined) free.webhookUrl = e.webhook_url;
  const spec = applyEdit(row.spec, e);
  let updated: SandboxMediaRow;
  if (spec) {
    updated = await ctx.db.transaction(async (tx) => {
      if (!(await spendCredits(tx, ctx.defaults, costOf(spec)))) throw fail(402, "INSUFFICIENT_CREDIT");
      return updateMedia(tx, row.id, { ...free, ...resubmission(spec, row.submitParams) });
    });
    ctx.queued();
    ctx.charged?.();
  } else {
    updated = Object.keys(free).length ? await updateMedia(ctx.db, row.id, free) : row;
  }
  return json({ data: mediaJson(ctx.files, updated) });
}

/** POST /media/{id}/process: renders the same parameters again, charging every time. */
export async function processMedia(ctx: ApiContext, customerId: string, id: string): Promise<Response> {
  const row = await mine(ctx, customerId, id);
  const updated = await ctx.db.transaction(async (tx) => {
    if (!(await spendCredits(tx, ctx.defaults, costOf(row.spec)))) throw fail(402, "INSUFFICIENT_CREDIT");
    return updateMedia(tx, row.id, resubmission(row.spec, row.submitParams));
  });
  ctx.queued();
  ctx.charged?.();
  return json({ data: mediaJson(ctx.files, updated) });
}

const OBJECT_TYPES = ["bullet_video_mp4", "bullet_video_gif", "source"] as const;
const downloadQuery = z.object({
  width: int(16, 3840, undefined),
  file_size: num(0.001, 1000, undefined),
});

/** GET /media/{id}/download */
export async function download(ctx: ApiContext, customerId: string, id: string, req: Request): Promise<Response> {
  const row = await mine(ctx, customerId, id);
  const q = new URL(req.url).searchParams;
  const objectType = q.get("object_type") || "bullet_video_mp4";
  if (!(OBJECT_TYPES as readonly string[]).includes(objectType) || objectTypeRefused(ctx.faults, objectType))
    throw fail(400, "INVALID_OBJECT_TYPE");
  const { width, file_size: maxMB } = parseOr422(
    downloadQuery,
    { width: q.get("width") ?? undefined, file_size: q.get("file_size") ?? undefined },
    ["query"],
  );
  if (row.status !== "success" || row.variantsGeneration === null) throw fail(400, "MEDIA_NOT_READY");
  const mediaDir = ctx.files.mediaDir(row.filesKey);

  if (objectType === "source") {
    const input = row.inputs.find((i) => i.file);
    if (!input?.file) throw fail(400, "SOURCE_NOT_FOUND");
    const res = await fileResponse(path.join(mediaDir, input.file), req, {
      downloadName: path.basename(input.file).replace(/^\d+-/, ""),
    });
    if (!res) throw fail(400, "SOURCE_NOT_FOUND");
    return res;
  }

  const wanted = q.get("motion_type") ?? "";
  const variants = row.variants;
  const variant = !wanted
    ? variants[0]
    : (variants.find((v) => v.key === wanted) ??
      variants.find((v) => v.key.toLowerCase() === wanted.toLowerCase()) ??
      variants.find((v) => v.motionType.toLowerCase() === wanted.toLowerCase()));
  if (!variant) throw fail(400, "INVALID_MOTION_TYPE");

  const dir = ctx.files.generationDir(row.filesKey, row.variantsGeneration);
  const cache = path.join(dir, "derived");
  const mp4 = path.join(dir, variant.mp4);
  const gif = path.join(dir, variant.gif);
  let file: string;
  try {
    if (objectType === "bullet_video_mp4")
      file = width || maxMB ? await deriveMp4(mp4, cache, width ?? null, maxMB ?? null) : mp4;
    else file = width || maxMB ? await deriveGif(mp4, gif, cache, width ?? null, maxMB ?? null) : gif;
  } catch (e) {
    if (e instanceof SizeUnreachable) throw fail(400, "FILE_SIZE_TOO_SMALL");
    throw e;
  }
  const ext = objectType === "bullet_video_mp4" ? "mp4" : "gif";
  const res = await fileResponse(file, req, {
    contentType: contentTypeFor(file),
    downloadName: `${row.id}_${variant.key}.${ext}`,
  });
  if (!res) throw fail(400, "MEDIA_NOT_READY");
  return res;
}
