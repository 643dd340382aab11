import path from "node:path";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createSandbox, type Sandbox } from "@/lib/sandbox";
import { isSandboxAccountKey, sandboxApiKey } from "@/lib/sandbox-key";
import { getStorage } from "@/lib/storage";
import { verifyFileSignature } from "@/lib/storage/signed-url";

// The app's side of the offline sandbox: one engine per process, on the app's database, its
// files under DATA_DIR/sandbox, mounted at /api/sandbox. It serves this app only: it accepts the
// key derived from AUTH_SECRET (the one lib/upstream.ts sends) and the account keys derived from
// it (a team's own key tried offline, lib/sandbox-key.ts), reads inputs only from the
// app's storage (its signed /api/files/ links, opened here without a request) and sends
// webhooks only to APP_URL's origin. Kept on globalThis so that dev-server reloads reuse it (and
// never start a second worker). Nothing runs at import time.

const g = globalThis as unknown as { __studioSandbox?: Sandbox; __studioSandboxWorker?: boolean };

/** The stored file behind one of the app's signed /api/files/ links, as the file route would serve it. */
async function openAppFile(url: URL): Promise<ReadableStream<Uint8Array> | null> {
  const e = env();
  if (!e.AUTH_SECRET) return null;
  const app = new URL(e.APP_URL);
  const prefix = `${app.pathname.replace(/\/+$/, "")}/api/files/`;
  if (url.origin !== app.origin || !url.pathname.startsWith(prefix)) return null;
  let key: string;
  try {
    key = url.pathname.slice(prefix.length).split("/").map(decodeURIComponent).join("/");
  } catch {
    return null;
  }
  const check = verifyFileSignature(key, url.searchParams.get("exp"), url.searchParams.get("sig"), e.AUTH_SECRET);
  if (!check.ok) return null;
  const file = await getStorage()
    .get(key)
    .catch(() => null);
  return file?.body ?? null;
}

export function getSandbox(): Sandbox {
  if (!g.__studioSandbox) {
    const e = env();
    const appUrl = e.APP_URL.replace(/\/+$/, "");
    const authSecret = e.AUTH_SECRET;
    g.__studioSandbox = createSandbox({
      db: getDb(),
      filesDir: path.resolve(e.DATA_DIR, "sandbox"),
      publicBaseUrl: `${appUrl}/api/sandbox`,
      apiKey: sandboxApiKey(e.AUTH_SECRET),
      ...(authSecret ? { acceptsKey: (key: string) => isSandboxAccountKey(authSecret, key) } : {}),
      appOrigin: new URL(appUrl).origin,
      openInput: openAppFile,
    });
  }
  return g.__studioSandbox;
}

/** Starts this process's render and webhook loops; later calls do nothing. */
export function startSandboxWorker(): void {
  if (g.__studioSandboxWorker) return;
  g.__studioSandboxWorker = true;
  getSandbox().startWorker();
}
