import { MAX_UPLOAD_BYTES } from "./limits";

// Files sent straight to uploadthing never pass through the app, so their content is checked
// after the fact: the file is read back from its public URL (never more than the upload limit
// plus one byte, whatever the server says its length is) and put through the same checks as an
// upload through the app.

export type RemoteRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: "unreachable" | "too-large" };

export async function readRemoteFile(
  url: string,
  doFetch: typeof fetch = fetch,
  limit: number = MAX_UPLOAD_BYTES,
): Promise<RemoteRead> {
  const res = await doFetch(url);
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, reason: "unreachable" };
  }
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > limit) {
    await res.body.cancel().catch(() => {});
    return { ok: false, reason: "too-large" };
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}
