import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { localStorage } from "@/lib/storage/local";
import type { Storage } from "@/lib/storage/types";
import { createVimmerseClient, type VimmerseClient } from "@/lib/vimmerse";

// Shared stand-ins for the request world of Next: who is signed in, which upstream and which
// storage the actions see. Test files call vi.mock with `mocks` (hoisted) and set `world`.

export const world: { userId: string | null; client: VimmerseClient | null; storage: Storage | null } = {
  userId: null,
  client: null,
  storage: null,
};

export class Redirected extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}

export function tempStorage(): Storage {
  return localStorage(mkdtempSync(path.join(tmpdir(), "studio-create-")));
}

/** A client whose network is down: every call throws like fetch does with no route to host. */
export function downClient(calls = { n: 0 }): VimmerseClient {
  return createVimmerseClient({
    baseUrl: "http://upstream.invalid",
    apiKey: "k",
    fetch: async () => {
      calls.n++;
      throw new TypeError("fetch failed");
    },
    sleep: async () => {},
    retries: 0,
  });
}

export const PNG_BYTES = (() => {
  // A real 1×1 PNG.
  return new Uint8Array(
    Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64"),
  );
})();

export function formOf(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

export const spy = vi.fn;
