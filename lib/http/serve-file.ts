import "server-only";
import contentDisposition from "content-disposition";
import rangeParser from "range-parser";
import type { ByteRange, Storage } from "@/lib/storage/types";

// Streaming a stored file to the browser: byte ranges (a <video> seeks with them), a download
// name, private caching. When the size is known up front the store is asked for the range
// alone; otherwise the whole-file stream skips to it. Nothing is ever held in memory whole.

export type Range = ByteRange;

/**
 * A single byte range within `size` (range-parser reads the header); "unsatisfiable" for one out
 * of bounds; null for none, a malformed one, or several (answered with the whole file).
 */
export function parseRange(header: string | null, size: number): Range | "unsatisfiable" | null {
  if (!header || size <= 0) return null;
  const ranges = rangeParser(size, header, { combine: true });
  if (ranges === -1) return "unsatisfiable";
  if (ranges === -2 || ranges.type !== "bytes" || ranges.length !== 1) return null;
  return { start: ranges[0]!.start, end: ranges[0]!.end };
}

/** The bytes [start, end] of a stream, cancelling the source once past the end. */
export function sliceStream(body: ReadableStream<Uint8Array>, { start, end }: Range): ReadableStream<Uint8Array> {
  let pos = 0;
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(ctl) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return ctl.close();
        const from = pos;
        pos += value.byteLength;
        if (pos <= start) continue;
        const a = Math.max(0, start - from);
        const b = Math.min(value.byteLength, end + 1 - from);
        if (b > a) ctl.enqueue(value.subarray(a, b));
        if (pos > end) {
          await reader.cancel();
          return ctl.close();
        }
        return;
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** An attachment header that survives any file name (content-disposition quotes and encodes it). */
export const attachment = (name: string): string => contentDisposition(name);

/**
 * A stored file, asking the store for just the requested bytes when `bytes` (the whole size,
 * from the database) is known. Null when the store does not have it.
 */
export async function serveStored(
  request: Request,
  storage: Storage,
  key: string,
  meta: { contentType?: string; bytes?: number | null; downloadName?: string },
): Promise<Response | null> {
  const wanted = meta.bytes ? parseRange(request.headers.get("range"), meta.bytes) : null;
  if (wanted === "unsatisfiable") {
    return new Response(null, {
      status: 416,
      headers: {
        "content-range": `bytes */${meta.bytes}`,
        "accept-ranges": "bytes",
        "cache-control": "private, max-age=3600",
      },
    });
  }
  const ask = wanted && request.method !== "HEAD" ? wanted : undefined;
  const file = await storage.get(key, ask).catch(() => null);
  if (!file) return null;
  // A ranged read was cut against meta.bytes, so the answer must be measured against it too.
  const bytes = file.range ? meta.bytes : (file.bytes ?? meta.bytes);
  return serveFile(
    request,
    { ...file, contentType: meta.contentType ?? file.contentType, bytes },
    { downloadName: meta.downloadName },
  );
}

export function serveFile(
  request: Request,
  /** `range`: the body holds only these bytes (the store read just them). */
  file: { body: ReadableStream<Uint8Array>; contentType: string; bytes?: number | null; range?: Range },
  opts: { downloadName?: string } = {},
): Response {
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    "cache-control": "private, max-age=3600",
    "x-content-type-options": "nosniff",
  };
  if (opts.downloadName) headers["content-disposition"] = attachment(opts.downloadName);
  const size = file.bytes ?? null;
  if (size === null) return new Response(file.body, { headers });
  headers["accept-ranges"] = "bytes";
  const range = parseRange(request.headers.get("range"), size);
  if (range === "unsatisfiable") {
    void file.body.cancel().catch(() => {});
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
  }
  if (file.range && (!range || range.start !== file.range.start || range.end !== file.range.end)) {
    // Only a caller mixing up two Range headers gets here; a partial body cannot be re-cut.
    void file.body.cancel().catch(() => {});
    throw new Error("stored range does not match the requested range");
  }
  if (!range) {
    headers["content-length"] = String(size);
    if (request.method === "HEAD") {
      void file.body.cancel().catch(() => {});
      return new Response(null, { headers });
    }
    return new Response(file.body, { headers });
  }
  headers["content-range"] = `bytes ${range.start}-${range.end}/${size}`;
  headers["content-length"] = String(range.end - range.start + 1);
  if (request.method === "HEAD") {
    void file.body.cancel().catch(() => {});
    return new Response(null, { status: 206, headers });
  }
  return new Response(file.range ? file.body : sliceStream(file.body, range), { status: 206, headers });
}
