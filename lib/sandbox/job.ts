import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Origins } from "./access";
import type { Db } from "./db";
import { type FileStore, safeName } from "./files";
import { Aborted, ffmpeg, ffprobe, videoStream } from "./render/ffmpeg";
import { findFont } from "./render/font";
import { type PlanImage, planVariants } from "./render/plan";
import { renderVariant } from "./render/variant";
import type { SandboxMediaRow } from "./schema";
import { heartbeat, updateMedia } from "./store";
import type { OpenInput, RenderedVariant, SandboxSettings, StoredInput } from "./types";

// One claimed generation of a media, from inputs to files in place. The caller records the
// outcome; this module only renders, reports progress and keeps its claim alive.

const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** The job cannot succeed; `code` ends up in the media's error and the webhook says "fail". */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "JobFailure";
  }
}

/** The claim was lost (resubmitted, or taken over after the lock expired): drop the work. */
export class ClaimLost extends Error {}

export type JobContext = {
  db: Db;
  files: FileStore;
  origins: Origins;
  openInput?: OpenInput;
  owner: string;
  lockMs: number;
  settings: SandboxSettings;
  signal: AbortSignal;
};

export type JobResult = { variants: RenderedVariant[]; resolution: [number, number]; duration: number };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new Aborted());
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Aborted());
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** Progress in tens, written only when it rises, with the claim renewed along the way. */
class Progress {
  private written = 0;
  private lastBeat = Date.now();
  private chain: Promise<void> = Promise.resolve();
  lost = false;

  constructor(
    private readonly ctx: JobContext,
    private readonly row: SandboxMediaRow,
    private readonly abort: AbortController,
  ) {}

  set(percent: number) {
    const step = Math.min(90, Math.floor(percent / 10) * 10);
    const due = Date.now() - this.lastBeat > this.ctx.lockMs / 3;
    if (step <= this.written && !due) return;
    const write = step > this.written ? step : undefined;
    if (write !== undefined) this.written = step;
    this.lastBeat = Date.now();
    this.chain = this.chain.then(async () => {
      const ok = await heartbeat(
        this.ctx.db,
        this.row.id,
        this.row.generation,
        this.ctx.owner,
        this.ctx.lockMs,
        write,
      ).catch(() => true);
      if (!ok && !this.lost) {
        this.lost = true;
        this.abort.abort();
      }
    });
  }

  async flush() {
    await this.chain;
    if (this.lost) throw new ClaimLost();
  }
}

/**
 * Copies one input URL's file into the media's folder. Only the sandbox's own files (by path)
 * and the host's files on its origin (handed over by the host) are read: never the network.
 */
async function copyInput(ctx: JobContext, url: string, dest: string, signal: AbortSignal): Promise<void> {
  if (!ctx.origins.inputAllowed(url))
    throw new JobFailure("INPUT_DOWNLOAD_FAILED", `${url}: not the studio's own file`);
  const local = ctx.files.localFileForUrl(url);
  let source: Readable | null = null;
  if (
    local &&
    (await access(local).then(
      () => true,
      () => false,
    ))
  ) {
    source = createReadStream(local);
  } else if (ctx.openInput && ctx.origins.onApp(url)) {
    let body: ReadableStream<Uint8Array> | null;
    try {
      body = await ctx.openInput(new URL(url), signal);
    } catch (e) {
      if (signal.aborted) throw new Aborted();
      throw new JobFailure("INPUT_DOWNLOAD_FAILED", `${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (body) source = Readable.fromWeb(body as import("node:stream/web").ReadableStream);
  }
  if (!source) throw new JobFailure("INPUT_DOWNLOAD_FAILED", `${url}: not found`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb(bytes > MAX_INPUT_BYTES ? new JobFailure("INPUT_TOO_LARGE", url) : null, chunk);
    },
  });
  await mkdir(path.dirname(dest), { recursive: true });
  try {
    await pipeline(source, limit, createWriteStream(dest), { signal });
  } catch (e) {
    await rm(dest, { force: true });
    if (e instanceof JobFailure) throw e;
    if (signal.aborted) throw new Aborted();
    throw new JobFailure("INPUT_DOWNLOAD_FAILED", `${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Input files on disk (URLs read once and kept, so `source` downloads work), First before Last. */
async function resolveInputs(
  ctx: JobContext,
  row: SandboxMediaRow,
  work: string,
  signal: AbortSignal,
): Promise<PlanImage[]> {
  const dir = ctx.files.mediaDir(row.filesKey);
  const inputs: StoredInput[] = row.inputs.map((i) => ({ ...i }));
  let changed = false;
  for (const [i, input] of inputs.entries()) {
    if (input.file || !input.url) continue;
    const name = `inputs/${i + 1}-${safeName(new URL(input.url).pathname.split("/").pop() || "input", input.kind === "video" ? ".mp4" : ".png")}`;
    await copyInput(ctx, input.url, path.join(dir, name), signal);
    input.file = name;
    changed = true;
  }
  if (changed) await updateMedia(ctx.db, row.id, { inputs });

  const ordered = [...inputs.filter((i) => i.position === "First"), ...inputs.filter((i) => i.position !== "First")];
  const images: PlanImage[] = [];
  for (const [i, input] of ordered.entries()) {
    let file = path.join(dir, input.file!);
    if (input.kind === "video") {
      // Extending a video continues from its last frame; a video placed last is reached at its first.
      const still = path.join(work, `video-frame-${i}.png`);
      const args =
        input.position === "First"
          ? ["-sseof", "-0.5", "-i", file, "-update", "1", "-q:v", "2", still]
          : ["-i", file, "-frames:v", "1", still];
      await ffmpeg(args, { signal }).catch((e) => {
        if (e instanceof Aborted) throw e;
        throw new JobFailure("INVALID_INPUT_VIDEO", input.name);
      });
      file = still;
    }
    const info = await ffprobe(file, signal).catch((e) => {
      if (e instanceof Aborted) throw e;
      return null;
    });
    const v = info && videoStream(info);
    if (!v?.width || !v.height) throw new JobFailure("INVALID_INPUT_IMAGE", input.name);
    images.push({ file, width: v.width, height: v.height });
  }
  return images;
}

export async function runJob(ctx: JobContext, row: SandboxMediaRow): Promise<JobResult> {
  const abort = new AbortController();
  const signal = AbortSignal.any([ctx.signal, abort.signal]);
  const progress = new Progress(ctx, row, abort);
  const work = await ctx.files.scratch(`${row.id}-g${row.generation}`);
  // Long ffmpeg steps report nothing for a while; the claim must not lapse meanwhile.
  const beat = setInterval(() => progress.set(0), Math.max(200, ctx.lockMs / 3));
  beat.unref?.();
  try {
    progress.set(0);
    if (ctx.settings.delayMs > 0) {
      // The configured delay is spent in steps so the progress visibly moves during it.
      const steps = 3;
      for (let i = 1; i <= steps; i++) {
        await sleep(ctx.settings.delayMs / steps, signal);
        progress.set(i * 10);
      }
    }
    if (ctx.settings.failRate > 0 && Math.random() < ctx.settings.failRate) {
      throw new JobFailure("SANDBOX_SIMULATED_FAILURE", "failRate setting");
    }
    const images = await resolveInputs(ctx, row, work, signal);
    const startAt = Math.max(10, ctx.settings.delayMs > 0 ? 30 : 10);
    progress.set(startAt);

    const plan = planVariants(row.spec, images, `${row.id}:${row.generation}`);
    if (plan.length === 0) throw new JobFailure("NOTHING_TO_RENDER");
    const font = plan.some((p) => p.kind === "card") ? await findFont() : null;
    const weights = plan.map((p) => p.seconds * p.loops);
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    let done = 0;
    const outDir = path.join(work, "out");
    const variants: RenderedVariant[] = [];
    for (const [i, p] of plan.entries()) {
      const names = { mp4: `${p.key}.mp4`, gif: `${p.key}.gif`, poster: `${p.key}.jpg` };
      const rendered = await renderVariant({
        kind: p.kind,
        images: p.images,
        prompt: p.prompt,
        caption: p.caption,
        width: p.width,
        height: p.height,
        seconds: p.seconds,
        loops: p.loops,
        motion: { path: p.cameraPath, amount: p.amount, variant: p.variant },
        audio: p.audio,
        font,
        workDir: path.join(work, `v${i}`),
        out: {
          mp4: path.join(outDir, names.mp4),
          gif: path.join(outDir, names.gif),
          poster: path.join(outDir, names.poster),
        },
        signal,
        onProgress: (f) => progress.set(startAt + ((90 - startAt) * (done + f * weights[i]!)) / totalWeight),
      });
      done += weights[i]!;
      variants.push({
        key: p.key,
        motionType: p.motionType,
        cameraPath: p.cameraPath,
        width: p.width,
        height: p.height,
        duration: rendered.duration,
        hasAudio: p.audio,
        ...names,
      });
      await progress.flush();
    }
    await progress.flush();
    // Into place: the generation's folder, replacing what an interrupted earlier try left.
    const dest = ctx.files.generationDir(row.filesKey, row.generation);
    await mkdir(dest, { recursive: true });
    for (const v of variants) {
      for (const name of [v.mp4, v.gif, v.poster]) await rename(path.join(outDir, name), path.join(dest, name));
    }
    const first = plan[0]!;
    return { variants, resolution: [first.width, first.height], duration: variants[0]!.duration };
  } catch (e) {
    // An abort caused by a lost claim is reported as such, not as the worker stopping.
    if (progress.lost) throw new ClaimLost();
    throw e;
  } finally {
    clearInterval(beat);
    await rm(work, { recursive: true, force: true });
  }
}
