import { AsyncLocalStorage } from "node:async_hooks";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { getUserByEmail } from "@/db/queries/users";
import { clientId, forgetHits, pause, RULES, throttleAll, tooManyRequests } from "@/lib/security/throttle";
import { burnPasswordCheck, verifyPassword } from "./password";

// Password sign-in, whichever way it arrives: the sign-in form's server action and a script
// posting to /api/auth/callback/credentials both end in `authorize`, so the throttle lives here.

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

export type Refusal = { retryAfterSeconds: number; message: string };

/** Thrown when a throttle refuses a sign-in or a sign-in email; the forms show its message. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export type CredentialsDeps = {
  db: DbOrTx;
  /** With email configured, a password works only once its address is proven (lib/auth/sign-up.ts). */
  requireVerifiedEmail: boolean;
  wait?: (ms: number) => Promise<void>;
};

/**
 * Counts the attempt against the account and the client, waits the growing delay, then checks
 * the password. A right password ends the account's run of wrong ones.
 */
export async function authorizeCredentials(deps: CredentialsDeps, raw: unknown, headers: Headers) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const verdict = await throttleAll(deps.db, [
    [RULES.signInAccount, email],
    [RULES.signInClient, clientId(headers)],
  ]);
  if (!verdict.ok) refuse(verdict);
  await (deps.wait ?? pause)(verdict.delayMs);
  const user = await getUserByEmail(deps.db, email);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  if (deps.requireVerifiedEmail && !user.emailVerified) return null;
  await forgetHits(deps.db, RULES.signInAccount, email);
  return { id: user.id, name: user.name, email: user.email };
}

// Auth.js turns any sign-in error into a redirect to the sign-in page; a script posting straight
// to /api/auth gets a 429 instead. A refusal is left in this request's box for the route to see.
const refusals = new AsyncLocalStorage<{ refusal?: Refusal }>();

export function refuse(verdict: Refusal): never {
  const refusal = { retryAfterSeconds: verdict.retryAfterSeconds, message: verdict.message };
  const box = refusals.getStore();
  if (box) box.refusal = refusal;
  throw new SignInThrottled(refusal);
}

/** Wraps the Auth.js POST handler: a refused sign-in or sign-in email answers 429 with Retry-After. */
export function answerThrottledSignIn<R extends Request>(
  post: (request: R) => Promise<Response>,
): (request: R) => Promise<Response> {
  return async (request) => {
    const box: { refusal?: Refusal } = {};
    const response = await refusals.run(box, () => post(request));
    return box.refusal ? tooManyRequests(box.refusal) : response;
  };
}
