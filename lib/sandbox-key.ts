import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

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

// Extra "account" keys the sandbox also accepts, each its own account there (its media are 404 to
// every other key), so a team's own key can be tried offline: `sbx_<label>_<32 hex>`, the hex an
// HMAC of the label keyed with AUTH_SECRET. Anyone can read the label; only AUTH_SECRET's holder
// can make the tail.

const ACCOUNT_LABEL = "studio:sandbox-account-key:v1";
const ACCOUNT_KEY = /^sbx_([a-z0-9][a-z0-9-]{0,63})_([0-9a-f]{32})$/;

const accountMac = (authSecret: string, label: string) =>
  createHmac("sha256", authSecret).update(`${ACCOUNT_LABEL}\n${label}`).digest("hex").slice(0, 32);

/** The sandbox account key for a label (a team's slug, say): letters, digits and hyphens. */
export function sandboxAccountKey(authSecret: string, label: string): string {
  const clean = label.toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(clean)) throw new Error("sandboxAccountKey: label must be a slug");
  return `sbx_${clean}_${accountMac(authSecret, clean)}`;
}

/** Whether a key is one of this configuration's account keys (the tail compared in constant time). */
export function isSandboxAccountKey(authSecret: string, key: string): boolean {
  const m = ACCOUNT_KEY.exec(key);
  if (!m) return false;
  const expected = Buffer.from(accountMac(authSecret, m[1]!), "hex");
  return timingSafeEqual(Buffer.from(m[2]!, "hex"), expected);
}
