import { chunksOf, guardedFetch, readCapped } from "@/lib/http/guarded-fetch";
import { MAX_UPLOAD_BYTES } from "./limits";

// Files sent straight to uploadthing never pass through the app, so their content is checked
// after the fact: the file is read back from its public URL (never more than the upload limit
// plus one byte, whatever the server says its length is) and put through the same checks as an
// upload through the app. The URL comes from the client's upload, so it goes through the guarded
// fetcher: a private address is never reached.

export type RemoteRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: "unreachable" | "too-large" };

const READ_BACK_TIMEOUT_MS = 20_000;

export async function readRemoteFile(
  url: string,
  /** Tests only: a stand-in for the network, read with the same cap. */
  doFetch?: typeof fetch,
  limit: number = MAX_UPLOAD_BYTES,
): Promise<RemoteRead> {
  if (doFetch) return readThrough(url, doFetch, limit);
  const r = await guardedFetch(url, { maxBytes: limit, timeoutMs: READ_BACK_TIMEOUT_MS });
  if (r.ok) return { ok: true, bytes: r.bytes };
  return { ok: false, reason: r.reason === "too-large" ? "too-large" : "unreachable" };
}

async function readThrough(url: string, doFetch: typeof fetch, limit: number): Promise<RemoteRead> {
  const res = await doFetch(url);
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, reason: "unreachable" };
  }
  if (Number(res.headers.get("content-length") ?? 0) > limit) {
    await res.body.cancel().catch(() => {});
    return { ok: false, reason: "too-large" };
  }
  const bytes = await readCapped(chunksOf(res.body), limit);
  return bytes ? { ok: true, bytes } : { ok: false, reason: "too-large" };
}
