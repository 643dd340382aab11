import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

// Files on disk: <root>/<filesKey>/inputs/* (uploads and copies of the studio's own files) and
// <root>/<filesKey>/g<generation>/* (renders). Only renders are served at the public /files/
// URLs, which the random filesKey makes unguessable; inputs are read back only through the API
// (download?object_type=source). Scratch work happens under <root>/.work and is moved in when done.

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const TYPES: Record<string, string> = {
  ".mp4": "video/mp4",
  ".gif": "image/gif",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".bmp": "image/bmp",
  ".mov": "video/quicktime",
  ".webm": "video/webm",
};

export const contentTypeFor = (name: string) => TYPES[path.extname(name).toLowerCase()] ?? "application/octet-stream";

export const newFilesKey = () => randomBytes(16).toString("hex");

/** A file name safe for our folders, keeping a recognisable stem and the extension. */
export function safeName(name: string, fallbackExt = ".bin"): string {
  const ext = (
    path
      .extname(name)
      .toLowerCase()
      .match(/^\.[a-z0-9]{1,5}$/)?.[0] ?? fallbackExt
  ).replace(".jpeg", ".jpg");
  const stem = path
    .basename(name, path.extname(name))
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${stem || "file"}${ext}`;
}

export class FileStore {
  readonly root: string;
  constructor(
    root: string,
    private readonly publicBaseUrl: string,
  ) {
    this.root = path.resolve(root);
  }

  mediaDir(filesKey: string) {
    return path.join(this.root, filesKey);
  }

  generationDir(filesKey: string, generation: number) {
    return path.join(this.root, filesKey, `g${generation}`);
  }

  /** base_url of a media: where its files are served. */
  baseUrl(filesKey: string) {
    return `${this.publicBaseUrl}/files/${filesKey}/`;
  }

  url(filesKey: string, relative: string) {
    return `${this.baseUrl(filesKey)}${relative}`;
  }

  /** Path of a media's file from URL segments (filesKey first), or null when they could escape the folder. */
  private resolve(segments: string[]): string | null {
    if (segments.length < 2 || !segments.every((s) => SEGMENT.test(s))) return null;
    if (!/^[a-f0-9]{32}$/.test(segments[0]!)) return null;
    const full = path.join(this.root, ...segments);
    return full.startsWith(this.root + path.sep) ? full : null;
  }

  /** Path of a public /files/ URL's segments: rendered results only (g<generation>/...), never inputs. */
  resolvePublic(segments: string[]): string | null {
    if (!/^g\d{1,9}$/.test(segments[1] ?? "")) return null;
    return this.resolve(segments);
  }

  /** The local file behind one of our own /files/ URLs (inputs may point back at us), read by path. */
  localFileForUrl(url: string): string | null {
    const prefix = `${this.publicBaseUrl}/files/`;
    if (!url.startsWith(prefix)) return null;
    const rest = url.slice(prefix.length).split(/[?#]/)[0]!;
    try {
      return this.resolve(rest.split("/").filter(Boolean).map(decodeURIComponent));
    } catch {
      return null;
    }
  }

  async scratch(label: string): Promise<string> {
    const dir = path.join(this.root, ".work");
    await mkdir(dir, { recursive: true });
    return mkdtemp(path.join(dir, `${label.replace(/[^A-Za-z0-9-]/g, "")}-`));
  }
}

/** Streams a file from disk (never buffered), honouring a single byte Range for video players. */
export async function fileResponse(
  file: string,
  req: Request,
  opts: { contentType?: string; downloadName?: string; cache?: string } = {},
): Promise<Response | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? contentTypeFor(file),
    "accept-ranges": "bytes",
    "cache-control": opts.cache ?? "private, max-age=3600",
  };
  if (opts.downloadName)
    headers["content-disposition"] = `attachment; filename="${opts.downloadName.replace(/["\\\r\n]/g, "_")}"`;
  let start = 0;
  let end = info.size - 1;
  let status = 200;
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.get("range") ?? "");
  if (range && info.size > 0 && (range[1] !== "" || range[2] !== "")) {
    if (range[1] === "") {
      start = Math.max(0, info.size - Number(range[2]));
    } else {
      start = Number(range[1]);
      if (range[2] !== "") end = Math.min(end, Number(range[2]));
    }
    if (start > end || start >= info.size) {
      return new Response(null, { status: 416, headers: { "content-range": `bytes */${info.size}` } });
    }
    status = 206;
    headers["content-range"] = `bytes ${start}-${end}/${info.size}`;
  }
  headers["content-length"] = String(info.size === 0 ? 0 : end - start + 1);
  if (req.method === "HEAD" || info.size === 0) return new Response(null, { status, headers });
  const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status, headers });
}
