import { createHash, timingSafeEqual } from "node:crypto";
import type { FastApiIssue } from "./errors";

// Who may use the sandbox and what it may reach. It serves one host (the app that mounts it):
// the host's API key is accepted, plus any "account" keys the host vouches for (like separate
// accounts on the real service: each key sees only its own media), inputs are read only from
// the host's own origin (its stored files, handed over by the host, or the sandbox's own files),
// and webhooks go only there.

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Whose key was presented: the host's own, an account key the host vouches for, or nobody's. */
export type KeyHolder = "host" | "account" | null;

/**
 * A constant-time check of a presented key against the host's key, else the host's own predicate
 * for account keys (which must itself compare in constant time, as lib/sandbox-key.ts does).
 */
export function keyChecker(
  apiKey: string,
  acceptsKey?: (key: string) => boolean,
): (given: string | null | undefined) => KeyHolder {
  if (!apiKey) throw new Error("createSandbox: apiKey must be a non-empty string");
  const expected = digest(apiKey);
  return (given) => {
    if (typeof given !== "string" || given === "") return null;
    // Both sides are hashed to the same length, so timingSafeEqual never throws and leaks no length.
    if (timingSafeEqual(digest(given), expected)) return "host";
    try {
      return acceptsKey?.(given) === true ? "account" : null;
    } catch {
      return null;
    }
  };
}

export class Origins {
  /** The host's origin, e.g. http://localhost:3000. */
  readonly app: string;
  private readonly ownFiles: string;

  constructor(appOrigin: string, publicBaseUrl: string) {
    this.app = new URL(appOrigin).origin;
    this.ownFiles = `${publicBaseUrl}/files/`;
  }

  private sameOrigin(url: string, origin: string): boolean {
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  }

  /** An input URL the sandbox may read: one of its own files, or anything on the host's origin. */
  inputAllowed(url: string): boolean {
    return url.startsWith(this.ownFiles) || this.onApp(url);
  }

  /** Webhooks are delivered to the host's origin only. */
  onApp(url: string): boolean {
    return this.sameOrigin(url, this.app);
  }

  inputIssue(loc: (string | number)[]): FastApiIssue {
    return {
      loc,
      msg: `URL should be on ${this.app}: inputs are read only from the studio's own files`,
      type: "url_origin",
    };
  }

  webhookIssue(loc: (string | number)[]): FastApiIssue {
    return { loc, msg: `URL should be on ${this.app}: webhooks are sent only to the studio`, type: "url_origin" };
  }
}
