import { spawn } from "node:child_process";
import { z } from "zod";

// ffmpeg and ffprobe as child processes with argument lists (never a shell). Binaries come from
// the npm installer packages, loaded lazily so importing the engine costs nothing.

type Tools = { ffmpeg: string; ffprobe: string };
type Installer = { path: string; default?: { path: string } };

// By name at run time, never bundled: a literal import is an external that Vercel's file tracer
// follows into every function (150 MB of binaries), though only the offline sandbox renders.
const byName = (name: string): Promise<Installer> => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name);
let tools: Promise<Tools> | undefined;

export function binaries(): Promise<Tools> {
  tools ??= Promise.all([byName("@ffmpeg-installer/ffmpeg"), byName("@ffprobe-installer/ffprobe")]).then(([a, b]) => ({
    ffmpeg: (a.default ?? a).path,
    ffprobe: (b.default ?? b).path,
  }));
  return tools;
}

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "FfmpegError";
  }
}

export class Aborted extends Error {
  constructor() {
    super("aborted");
    this.name = "Aborted";
  }
}

type RunOpts = {
  signal?: AbortSignal;
  /** Length of the output, to turn ffmpeg's out_time into a 0..1 fraction. */
  totalSeconds?: number;
  onProgress?: (fraction: number) => void;
};

const TAIL = 4000;

function run(bin: string, args: string[], opts: RunOpts & { capture?: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Aborted());
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (opts.capture) stdout += chunk;
      if (!opts.onProgress || !opts.totalSeconds) return;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        // out_time_ms is in microseconds despite its name.
        const m = /^out_time_(?:ms|us)=(\d+)/.exec(line);
        if (m) opts.onProgress(Math.min(1, Number(m[1]) / 1e6 / opts.totalSeconds));
      }
    });
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-TAIL);
    });
    const onAbort = () => child.kill("SIGKILL");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (err) => {
      opts.signal?.removeEventListener("abort", onAbort);
      reject(err);
    });
    child.on("close", (code, sig) => {
      opts.signal?.removeEventListener("abort", onAbort);
      if (opts.signal?.aborted) return reject(new Aborted());
      if (code === 0) return resolve(stdout);
      const last = stderr.trim().split("\n").slice(-3).join(" | ");
      reject(new FfmpegError(`${bin.split("/").pop()} exited with ${code ?? sig}: ${last}`, stderr));
    });
  });
}

export async function ffmpeg(args: string[], opts: RunOpts = {}): Promise<void> {
  const { ffmpeg: bin } = await binaries();
  const progress = opts.onProgress ? ["-progress", "pipe:1", "-nostats"] : [];
  await run(bin, ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", ...progress, ...args], opts);
}

const probeSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        duration: z.string().optional(),
        nb_frames: z.string().optional(),
        pix_fmt: z.string().optional(),
      }),
    )
    .default([]),
  format: z
    .object({ duration: z.string().optional(), format_name: z.string().optional(), size: z.string().optional() })
    .partial()
    .default({}),
});
export type Probe = z.output<typeof probeSchema>;

export async function ffprobe(file: string, signal?: AbortSignal): Promise<Probe> {
  const { ffprobe: bin } = await binaries();
  const out = await run(bin, ["-v", "error", "-show_streams", "-show_format", "-of", "json", file], {
    capture: true,
    signal,
  });
  return probeSchema.parse(JSON.parse(out));
}

export const videoStream = (p: Probe) => p.streams.find((s) => s.codec_type === "video");
export const hasAudio = (p: Probe) => p.streams.some((s) => s.codec_type === "audio");
export const durationOf = (p: Probe) => Number(p.format.duration ?? videoStream(p)?.duration ?? 0);

/** Whether a path can be put into a filtergraph option as is (no quoting rules to get wrong). */
export const plainPath = (p: string) => /^[A-Za-z0-9/._-]+$/.test(p);
