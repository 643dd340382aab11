import type { ImageType } from "./limits";
import { sniffImageType } from "./magic";

// Files sent straight to uploadthing never pass through the app, so their content is checked
// after the fact: the first bytes are read back from the public URL and sniffed.

export async function sniffRemoteImage(url: string, doFetch: typeof fetch = fetch): Promise<ImageType | null> {
  const res = await doFetch(url, { headers: { range: "bytes=0-31" } });
  if (!res.ok || !res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Servers may ignore Range; stop reading once the signature bytes are in.
  while (total < 16) {
    const { value, done } = await reader.read();
    if (done || !value) break;
    chunks.push(value);
    total += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const head = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    head.set(c, at);
    at += c.byteLength;
  }
  return sniffImageType(head);
}
