import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { getDb } from "@/lib/db";
import { createSandbox, type OpenInput, type Sandbox, type SandboxSettingsPatch } from "@/lib/sandbox";
import { binaries } from "@/lib/sandbox/render/ffmpeg";

/** The studio (the sandbox's one host) is on APP; the sandbox is mounted at BASE on it. */
export const APP = "http://studio.test";
export const BASE = `${APP}/api/sandbox`;
/** The studio's stored images (handed to the sandbox by openInput) and its webhook receivers. */
export const IMAGES = `${APP}/images`;
export const HOOKS = `${APP}/hooks`;
/** The one key the test sandboxes accept, and one they must refuse (random: no key is fixed). */
export const KEY = randomBytes(32).toString("hex");
export const OTHER_KEY = randomBytes(32).toString("hex");

/**
 * The world around the sandbox: `fetch` reaches only the studio's webhook receivers (every call
 * is recorded in `requests`, so a test can check no input was fetched); `openInput` hands over
 * the studio's stored images under IMAGES, as the host does with its signed file links.
 */
export function fakeNetwork() {
  const images = new Map<string, Buffer>();
  const calls: { url: string; body: unknown; at: number }[] = [];
  const requests: string[] = [];
  /** Status codes the next webhook calls answer with (then 200). */
  const hookAnswers: number[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    requests.push(url);
    if (url.startsWith(`${HOOKS}/`)) {
      calls.push({ url, body: JSON.parse(String(init?.body ?? "null")), at: Date.now() });
      const status = hookAnswers.shift() ?? 200;
      if (status === 0) throw new TypeError("fetch failed: connection refused");
      return new Response("ok", { status });
    }
    throw new TypeError(`fetch failed: ${new URL(url).host} is unreachable`);
  }) as typeof fetch;
  const openInput: OpenInput = async (url) => {
    const href = url.toString();
    if (!href.startsWith(`${IMAGES}/`)) return null;
    const body = images.get(url.pathname.slice("/images".length));
    return body ? new Response(new Uint8Array(body)).body : null;
  };
  return { fetch: fetchFn, openInput, images, calls, requests, hookAnswers };
}

export type FakeNetwork = ReturnType<typeof fakeNetwork>;

const made: string[] = [];
// Renders are megabytes each: every temporary folder a test file made goes when it ends.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `sbx-${label}-`));
  made.push(dir);
  return dir;
}

/** A sandbox on BASE accepting KEY; `net` gives both its webhook fetch and its openInput. */
export function makeSandbox(
  opts: {
    net?: FakeNetwork;
    fetch?: typeof fetch;
    openInput?: OpenInput;
    defaults?: SandboxSettingsPatch;
    filesDir?: string;
  } = {},
) {
  const filesDir = opts.filesDir ?? tempDir("files");
  const sandbox = createSandbox({
    db: getDb(),
    filesDir,
    publicBaseUrl: BASE,
    apiKey: KEY,
    fetch: opts.fetch ?? opts.net?.fetch,
    openInput: opts.openInput ?? opts.net?.openInput,
    defaults: opts.defaults,
  });
  return { sandbox, filesDir };
}

type Body = {
  form?: Record<string, string | Blob | (string | Blob)[]>;
  json?: unknown;
  urlencoded?: Record<string, string>;
};

/** One API call through sandbox.handle, answering status and parsed JSON (when JSON). */
export async function call(
  sandbox: Sandbox,
  method: string,
  pathAndQuery: string,
  body: Body = {},
  key: string | null = KEY,
) {
  const headers = new Headers();
  if (key !== null) headers.set("x-api-key", key);
  let payload: BodyInit | undefined;
  if (body.form) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(body.form)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (typeof item === "string") fd.append(k, item);
        else fd.append(k, item, (item as File).name ?? "image.png");
      }
    }
    payload = fd;
  } else if (body.json !== undefined) {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(body.json);
  } else if (body.urlencoded) {
    payload = new URLSearchParams(body.urlencoded);
  }
  const res = await sandbox.handle(new Request(`${BASE}${pathAndQuery}`, { method, headers, body: payload }));
  const type = res.headers.get("content-type") ?? "";
  const data = type.includes("json") ? await res.json() : null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the sandbox answered
  return { status: res.status, body: data as any, res };
}

export async function ffmpegRun(args: string[]): Promise<Buffer> {
  const { ffmpeg } = await binaries();
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg ${code}: ${err}`)),
    );
  });
}

/** A detailed test picture (PNG) of the given size; `seed` varies the pattern. */
export async function testImage(width: number, height: number, seed = 0): Promise<Blob> {
  const dir = tempDir("img");
  const file = path.join(dir, "img.png");
  const source = seed % 2 === 0 ? `testsrc2=s=${width}x${height}:d=1` : `mandelbrot=s=${width}x${height}`;
  await ffmpegRun(["-f", "lavfi", "-i", source, "-frames:v", "1", "-vf", `hue=h=${seed * 40}`, file]);
  const buf = await readFile(file);
  await rm(dir, { recursive: true, force: true });
  return new File([new Uint8Array(buf)], `picture-${seed}.png`, { type: "image/png" });
}

export type ProbeInfo = { width: number; height: number; duration: number; audio: boolean; frames: number };

export async function probeFile(file: string): Promise<ProbeInfo> {
  const { ffprobe } = await binaries();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(ffprobe, ["-v", "error", "-show_streams", "-show_format", "-of", "json", file]);
    let s = "";
    child.stdout.on("data", (c: Buffer) => (s += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(s) : reject(new Error(`ffprobe ${code}`))));
  });
  const j = JSON.parse(out) as {
    streams: { codec_type: string; width?: number; height?: number; nb_frames?: string }[];
    format: { duration?: string };
  };
  const v = j.streams.find((s) => s.codec_type === "video");
  return {
    width: v?.width ?? 0,
    height: v?.height ?? 0,
    duration: Number(j.format.duration ?? 0),
    audio: j.streams.some((s) => s.codec_type === "audio"),
    frames: Number(v?.nb_frames ?? 0),
  };
}

/** A grey thumbnail (64x36) of the frame at `t` seconds, as raw bytes. */
export function frameAt(file: string, t: number, size = "64:36"): Promise<Buffer> {
  return ffmpegRun([
    "-ss",
    String(t),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    `scale=${size},format=gray`,
    "-f",
    "rawvideo",
    "pipe:1",
  ]);
}

export function meanDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / n;
}

/** Saves a response body to a temporary file (for probing downloads). */
export async function saveBody(res: Response, name: string): Promise<string> {
  const file = path.join(tempDir("dl"), name);
  const { writeFile } = await import("node:fs/promises");
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

/** The file on disk behind a /files/ URL of the sandbox. */
export function localPath(filesDir: string, url: string): string {
  const rest = url.slice(`${BASE}/files/`.length);
  return path.join(filesDir, ...rest.split("/"));
}

export type Result = {
  motion_type: string;
  camera_path: string;
  url: string;
  gif_url: string;
  poster_url: string;
  width: number;
  height: number;
};

/** Creates a media, renders it to the end and returns it with the paths of its MP4 files. */
export async function render(
  form: Record<string, string | Blob | (string | Blob)[]>,
  apiPath = "/media/upload",
  net = fakeNetwork(),
) {
  const { sandbox, filesDir } = makeSandbox({ net });
  const created = await call(sandbox, "POST", apiPath, { form });
  if (created.status !== 200) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  await sandbox.drain();
  const media = (await call(sandbox, "GET", `/media/${created.body.data.id}`)).body.data.data;
  if (media.processing_status !== "success") throw new Error(`render failed: ${JSON.stringify(media)}`);
  const files = (media.result as Result[]).map((r) => localPath(filesDir, r.url));
  return { sandbox, filesDir, media, results: media.result as Result[], files };
}

export const parallax = (cameraPath: string, extra = "MotionLength=1|AspectRatio=1:1") => ({
  MotionType: "Parallax",
  Params: `CameraPath=${cameraPath}|${extra}`,
});
