import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ShareLink } from "@/db/queries/share-links";
import { shareUrls } from "./tokens";

// Proof that this browser typed a link's password: an HttpOnly cookie scoped to the link's path,
// "<expiry>.<HMAC>" signed with AUTH_SECRET over the link and its password hash (a new password
// or a revoke-and-reshare makes old cookies worthless). Nothing is stored server-side for it.

const COOKIE = "share_access";
export const ACCESS_SECONDS = 12 * 60 * 60;

function signature(secret: string, link: Pick<ShareLink, "id" | "passwordHash">, expires: number): string {
  if (secret.length < 32) throw new Error("AUTH_SECRET is needed to sign share-link cookies");
  return createHmac("sha256", secret).update(`share:${link.id}:${expires}:${link.passwordHash}`).digest("base64url");
}

/** The Set-Cookie header for a right password. */
export function accessCookie(
  secret: string,
  link: Pick<ShareLink, "id" | "passwordHash">,
  token: string,
  secure: boolean,
  now = Date.now(),
): string {
  const expires = Math.floor(now / 1000) + ACCESS_SECONDS;
  const value = `${expires}.${signature(secret, link, expires)}`;
  const parts = [
    `${COOKIE}=${value}`,
    `Path=${shareUrls.page(token)}`,
    `Max-Age=${ACCESS_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  return (secure ? [...parts, "Secure"] : parts).join("; ");
}

/** A link with no password is open; one with a password needs a valid, unexpired cookie. */
export function hasAccess(
  secret: string,
  link: Pick<ShareLink, "id" | "passwordHash">,
  cookieHeader: string | null,
  now = Date.now(),
): boolean {
  if (!link.passwordHash) return true;
  // Browsers may send several cookies of one name (different paths): any valid one will do.
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name !== COOKIE || !value) continue;
    const [exp, sig] = value.split(".", 2);
    const expires = Number(exp);
    if (!sig || !Number.isInteger(expires) || expires * 1000 <= now) continue;
    const want = Buffer.from(signature(secret, link, expires));
    const got = Buffer.from(sig);
    if (got.length === want.length && timingSafeEqual(got, want)) return true;
  }
  return false;
}
