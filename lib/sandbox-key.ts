import { createHmac, randomBytes } from "node:crypto";

// The API key the app's Vimmerse client and its in-app sandbox share when no VIMMERSE_API_KEY
// is set: HMAC-SHA256 of a fixed label keyed with AUTH_SECRET, in hex. Only someone who holds
// AUTH_SECRET can compute it, so the sandbox serves this app alone. Imported by lib/upstream.ts
// (the client's key) and lib/sandbox-host.ts (the key the sandbox accepts); plain node:crypto,
// so the browser tests' helpers can compute it too.

const LABEL = "studio:sandbox-api-key:v1";

export function deriveSandboxApiKey(authSecret: string): string {
  return createHmac("sha256", authSecret).update(LABEL).digest("hex");
}

const g = globalThis as unknown as { __studioSandboxFallbackKey?: string };

/**
 * The sandbox's key for this configuration. Without AUTH_SECRET (a development setup that has no
 * sessions either) it is random and known to this process only: still nothing anyone can guess.
 */
export function sandboxApiKey(authSecret: string | undefined): string {
  if (authSecret) return deriveSandboxApiKey(authSecret);
  g.__studioSandboxFallbackKey ??= randomBytes(32).toString("hex");
  return g.__studioSandboxFallbackKey;
}
