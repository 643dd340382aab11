import path from "node:path";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createSandbox, type Sandbox } from "@/lib/sandbox";

// The app's side of the offline sandbox: one engine per process, on the app's database, its
// files under DATA_DIR/sandbox, mounted at /api/sandbox. Kept on globalThis so that dev-server
// reloads reuse it (and never start a second worker). Nothing runs at import time.

const g = globalThis as unknown as { __studioSandbox?: Sandbox; __studioSandboxWorker?: boolean };

export function getSandbox(): Sandbox {
  if (!g.__studioSandbox) {
    const e = env();
    g.__studioSandbox = createSandbox({
      db: getDb(),
      filesDir: path.resolve(e.DATA_DIR, "sandbox"),
      publicBaseUrl: `${e.APP_URL.replace(/\/+$/, "")}/api/sandbox`,
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
