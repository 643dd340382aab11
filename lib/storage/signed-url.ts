import { createHmac, timingSafeEqual } from "node:crypto";

// Expiring links to stored files, for upstream to fetch what it cannot be sent as a file
// (a video to extend, an image next to a link). HMAC-SHA256 over key and expiry with a key
// derived from AUTH_SECRET, so the session secret itself never signs anything else.

export const FILE_URL_TTL_SECONDS = 60 * 60 * 6;

function mac(secret: string, key: string, exp: number): Buffer {
  const derived = createHmac("sha256", secret).update("studio:file-url:v1").digest();
  return createHmac("sha256", derived).update(`${key}\n${exp}`).digest();
}

/** The path part, one segment at a time so "/" in keys stays a separator. */
function filePath(key: string): string {
  return `/api/files/${key.split("/").map(encodeURIComponent).join("/")}`;
}

export function signFileUrl(
  appUrl: string,
  key: string,
  secret: string,
  opts: { ttlSeconds?: number; now?: number } = {},
): string {
  const exp = Math.floor((opts.now ?? Date.now()) / 1000) + (opts.ttlSeconds ?? FILE_URL_TTL_SECONDS);
  const sig = mac(secret, key, exp).toString("base64url");
  return `${appUrl.replace(/\/$/, "")}${filePath(key)}?exp=${exp}&sig=${sig}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "expired" | "invalid" };

export function verifyFileSignature(
  key: string,
  exp: string | null,
  sig: string | null,
  secret: string,
  now: number = Date.now(),
): SignatureCheck {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: "missing" };
  const expected = mac(secret, key, Number(exp));
  const given = Buffer.from(sig, "base64url");
  // Length first: timingSafeEqual throws on unequal lengths.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  if (Number(exp) * 1000 < now) return { ok: false, reason: "expired" };
  return { ok: true };
}
