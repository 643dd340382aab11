import "server-only";
import { createHash, randomBytes } from "node:crypto";

// A share token is 32 random bytes (256 bits: unguessable), written base64url so it sits in a
// path untouched. Only its SHA-256 is stored, so a leaked table holds no working link; lookups go
// by the hash through a unique index, so no comparison of secrets happens in this code.

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

export const hashShareToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** A string shaped like a token; anything else is unknown without asking the database. */
export const isShareToken = (token: unknown): token is string => typeof token === "string" && TOKEN.test(token);

/** Every public address of a link, relative to the app. */
export const shareUrls = {
  page: (token: string) => `/s/${token}`,
  video: (token: string) => `/s/${token}/video`,
  download: (token: string) => `/s/${token}/video?download=1`,
  poster: (token: string) => `/s/${token}/poster`,
  embed: (token: string) => `/s/${token}/embed`,
};
