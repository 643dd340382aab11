import type { DbOrTx } from "@/db/client";
import { clearHits, countHit } from "@/db/queries/rate-limits";

// Limits on what a stranger can make the app do: guess passwords, open accounts, send email,
// store files, spend credits. Counted in Postgres (db/queries/rate-limits.ts) so the limits hold
// across every instance on Vercel and in the embedded PGlite alike.

export type ThrottleRule = {
  /** The key's prefix, naming what is limited. */
  name: string;
  /** Hits allowed per window; the next is refused until the window ends. */
  limit: number;
  windowSeconds: number;
  /** Hits answered at once; each later one waits twice as long as the one before (brute force). */
  freeHits?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** What the refusal says before "Try again in …". */
  refusal: string;
};

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const RULES = {
  signInAccount: {
    name: "sign-in:account",
    limit: 10,
    windowSeconds: 15 * MINUTE,
    freeHits: 3,
    firstDelayMs: 250,
    maxDelayMs: 4_000,
    refusal: "Too many sign-in attempts for this account.",
  },
  signInClient: {
    name: "sign-in:client",
    limit: 30,
    windowSeconds: 15 * MINUTE,
    freeHits: 10,
    firstDelayMs: 250,
    maxDelayMs: 4_000,
    refusal: "Too many sign-in attempts from this network.",
  },
  signUpClient: {
    name: "sign-up:client",
    limit: 5,
    windowSeconds: HOUR,
    refusal: "Too many new accounts from this network.",
  },
  emailLinkAddress: {
    name: "email-link:address",
    limit: 3,
    windowSeconds: 15 * MINUTE,
    refusal: "Too many sign-in emails for this address.",
  },
  emailLinkClient: {
    name: "email-link:client",
    limit: 10,
    windowSeconds: HOUR,
    refusal: "Too many sign-in emails from this network.",
  },
  invitationTeam: {
    name: "invitation:team",
    limit: 30,
    windowSeconds: HOUR,
    refusal: "This team has sent too many invitations.",
  },
  uploadUser: {
    name: "upload:user",
    limit: 60,
    windowSeconds: 10 * MINUTE,
    refusal: "Too many uploads.",
  },
  createTeam: {
    name: "create:team",
    limit: 30,
    windowSeconds: 10 * MINUTE,
    refusal: "This team has started too many videos in a short time.",
  },
  sharePassword: {
    name: "share-password:link-client",
    limit: 5,
    windowSeconds: 15 * MINUTE,
    refusal: "Too many password attempts for this link.",
  },
} as const satisfies Record<string, ThrottleRule>;

export type Verdict = { ok: true; delayMs: number } | { ok: false; retryAfterSeconds: number; message: string };

const keyOf = (rule: ThrottleRule, id: string) => `${rule.name}:${id.toLowerCase()}`;

/** Counts one hit against `id` under `rule` and says whether it may go ahead (and after what wait). */
export async function throttle(db: DbOrTx, rule: ThrottleRule, id: string): Promise<Verdict> {
  const { hits, windowEndsAt, now } = await countHit(db, keyOf(rule, id), rule.windowSeconds);
  if (hits > rule.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000));
    return { ok: false, retryAfterSeconds, message: `${rule.refusal} ${tryAgainIn(retryAfterSeconds)}` };
  }
  const over = hits - (rule.freeHits ?? rule.limit);
  const delayMs = over > 0 ? Math.min(rule.maxDelayMs ?? 0, (rule.firstDelayMs ?? 0) * 2 ** (over - 1)) : 0;
  return { ok: true, delayMs };
}

/** Counts against every (rule, id) pair; the first refusal wins, else the longest wait. */
export async function throttleAll(db: DbOrTx, checks: [ThrottleRule, string][]): Promise<Verdict> {
  let delayMs = 0;
  for (const [rule, id] of checks) {
    const verdict = await throttle(db, rule, id);
    if (!verdict.ok) return verdict;
    delayMs = Math.max(delayMs, verdict.delayMs);
  }
  return { ok: true, delayMs };
}

/** Forgets the hits against `id` (a right password ends an account's run of wrong ones). */
export async function forgetHits(db: DbOrTx, rule: ThrottleRule, id: string): Promise<void> {
  await clearHits(db, keyOf(rule, id));
}

export function tryAgainIn(seconds: number): string {
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  const hours = Math.ceil(minutes / 60);
  return `Try again in ${hours} hour${hours === 1 ? "" : "s"}.`;
}

/** For a route handler: the 429 a refused verdict becomes. */
export function tooManyRequests(verdict: { retryAfterSeconds: number; message: string }): Response {
  return Response.json(
    { error: verdict.message },
    { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
  );
}

/**
 * Who is asking, for per-client limits. On Vercel the platform sets these headers itself; on one
 * machine with no proxy in front, a client can write its own, so there the per-account and
 * per-team limits are what hold (README, "Limits").
 */
export function clientId(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return headers.get("x-real-ip")?.trim() || forwarded || "unknown";
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
