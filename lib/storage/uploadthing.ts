import { UTApi } from "uploadthing/server";
import type { ByteRange, Storage, StoredFile, StoredRead } from "./types";

// Uploadthing as the app's file store. Uploadthing names files itself (its file key); callers
// keep the key we return. Files are public at https://<appId>.ufs.sh/f/<key>, so reads are a
// plain fetch of that URL and need no API call.

type Api = Pick<UTApi, "uploadFiles" | "deleteFiles">;
type Options = { api?: Api; fetch?: typeof fetch; ufsHost?: string };

/** The token is base64 JSON {apiKey, appId, regions}; only the appId is needed for URLs. */
export function appIdFromToken(token: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token.trim(), "base64").toString("utf8"));
  } catch {
    throw new Error("UPLOADTHING_TOKEN is not a valid uploadthing token (expected base64 JSON).");
  }
  const appId = (parsed as { appId?: unknown } | null)?.appId;
  if (typeof appId !== "string" || !/^[a-z0-9]+$/i.test(appId)) {
    throw new Error("UPLOADTHING_TOKEN has no appId.");
  }
  return appId;
}

const FILE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;

export function ufsUrl(appId: string, key: string, host = "ufs.sh"): string {
  if (!FILE_KEY.test(key)) throw new Error(`invalid uploadthing file key: ${key}`);
  return `https://${appId}.${host}/f/${encodeURIComponent(key)}`;
}

async function toBytes(body: ReadableStream<Uint8Array> | Uint8Array): Promise<Uint8Array> {
  return body instanceof Uint8Array ? body : new Uint8Array(await new Response(body).arrayBuffer());
}

export function uploadthingStorage(token: string, opts: Options = {}): Storage {
  const appId = appIdFromToken(token);
  const api: Api = opts.api ?? new UTApi({ token });
  const doFetch = opts.fetch ?? fetch;
  const urlOf = (key: string) => ufsUrl(appId, key, opts.ufsHost);

  /** With a range, a Range request; any answer but exactly that range falls back to a whole read. */
  async function read(key: string, range?: ByteRange): Promise<StoredRead | null> {
    if (!FILE_KEY.test(key)) return null;
    const res = range
      ? await doFetch(urlOf(key), { headers: { range: `bytes=${range.start}-${range.end}` } })
      : await doFetch(urlOf(key));
    if (res.status === 404) return null;
    if (range && (res.status === 416 || res.status === 206)) {
      const partial = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get("content-range") ?? "");
      if (
        res.status === 206 &&
        res.body &&
        partial &&
        Number(partial[1]) === range.start &&
        Number(partial[2]) === range.end
      ) {
        return {
          body: res.body,
          contentType: res.headers.get("content-type") ?? "application/octet-stream",
          bytes: Number(partial[3]),
          range,
        };
      }
      await res.body?.cancel();
      return read(key);
    }
    if (!res.ok || !res.body) throw new Error(`uploadthing read failed: HTTP ${res.status}`);
    // A CDN may ignore the Range header (200, whole file): then the caller skips to the range.
    const length = Number(res.headers.get("content-length"));
    return {
      body: res.body,
      contentType: res.headers.get("content-type") ?? "application/octet-stream",
      bytes: Number.isFinite(length) && length > 0 ? length : undefined,
    };
  }

  return {
    kind: "uploadthing",
    async put(key, body, contentType): Promise<StoredFile> {
      const bytes = await toBytes(body);
      // Our key becomes the file name (its last segment) and the customId, for tracing.
      const name = key.split("/").pop() || "file";
      const file = new File([bytes as BlobPart], name, { type: contentType });
      const result = await api.uploadFiles(file);
      if (result.error) throw new Error(`uploadthing upload failed: ${result.error.message}`);
      return {
        key: result.data.key,
        bytes: result.data.size ?? bytes.byteLength,
        url: result.data.ufsUrl || urlOf(result.data.key),
      };
    },
    get: read,
    async delete(key) {
      if (!FILE_KEY.test(key)) return;
      await api.deleteFiles(key);
    },
  };
}
