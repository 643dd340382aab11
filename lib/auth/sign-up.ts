import type { DbOrTx } from "@/db/client";
import { getUserByEmail } from "@/db/queries/users";
import { sendMail } from "@/lib/mail";
import { RULES, throttle } from "@/lib/security/throttle";
import { createUserWithPersonalTeam } from "@/lib/teams/create";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { maySignUp, type SignupPolicy } from "./signup-policy";

// Sign-up answers alike whether or not the address has an account (README, "Sign-up and email").
// With email configured, every sign-up is told to check its email: a new account's password works
// only once the emailed link proves the address, and an existing owner is told someone tried.
// Without email nothing can be proven: the right password for an existing account signs in, any
// other gets a generic refusal, and the per-client sign-up throttle bounds how many addresses a
// stranger can try.

export const CHECK_EMAIL = "Check your email: we sent a link to finish creating your account.";
export const CANNOT_SIGN_UP = "We couldn't create an account with these details. If you already have one, sign in.";

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  /** The token of the invitation the visitor came from (checked against the database, never believed). */
  invitation?: string;
};

export type SignUpOutcome =
  | { kind: "created"; teamSlug: string }
  | { kind: "sign-in" }
  | { kind: "check-email" }
  | { kind: "refused"; message: string };

export type SignUpDeps = {
  db: DbOrTx;
  client: string;
  /** Who may create an account (SIGNUP_MODE). */
  policy: SignupPolicy;
  /** EMAIL_SERVER is set: addresses can be proven. */
  emailEnabled: boolean;
  /** Emails the confirm link to a new account's address. */
  sendConfirmLink: (email: string) => Promise<void>;
  /** Tells an existing account's owner that someone tried to sign up with their address. */
  notifyOwner: (email: string) => Promise<void>;
};

export async function signUp(deps: SignUpDeps, input: SignUpInput): Promise<SignUpOutcome> {
  const verdict = await throttle(deps.db, RULES.signUpClient, deps.client);
  if (!verdict.ok) return { kind: "refused", message: verdict.message };
  // Before the address is looked up: the policy answers alike for an existing and a new address.
  const allowed = await maySignUp(deps.db, deps.policy, input);
  if (!allowed.ok) return { kind: "refused", message: allowed.message };
  const account = { name: input.name, email: input.email };
  const existing = await getUserByEmail(deps.db, input.email);
  if (deps.emailEnabled) {
    // Hashed on both paths, so the answer takes as long either way.
    const passwordHash = await hashPassword(input.password);
    if (existing) await deps.notifyOwner(existing.email ?? input.email);
    else if (await createUserWithPersonalTeam(deps.db, { ...account, passwordHash }))
      await deps.sendConfirmLink(input.email);
    return { kind: "check-email" };
  }
  if (existing) {
    let matches = false;
    if (existing.passwordHash) matches = await verifyPassword(input.password, existing.passwordHash);
    else await burnPasswordCheck(input.password);
    return matches ? { kind: "sign-in" } : { kind: "refused", message: CANNOT_SIGN_UP };
  }
  const made = await createUserWithPersonalTeam(deps.db, {
    ...account,
    passwordHash: await hashPassword(input.password),
  });
  // Lost a race with another sign-up for the same address.
  return made ? { kind: "created", teamSlug: made.teamSlug } : { kind: "refused", message: CANNOT_SIGN_UP };
}

/** The "someone tried to sign up" mail, at most a few per address (a stranger cannot flood an inbox). */
export async function notifyExistingOwner(db: DbOrTx, email: string, appUrl: string): Promise<boolean> {
  const verdict = await throttle(db, RULES.emailLinkAddress, email);
  if (!verdict.ok) return false;
  const { subject, text } = ownerNotice(appUrl);
  return sendMail(email, subject, text);
}

export function ownerNotice(appUrl: string): { subject: string; text: string } {
  return {
    subject: "Someone tried to sign up with your address",
    text: [
      "Someone just tried to create a Vimmerse Studio account with this email address, which already has one.",
      `If it was you, sign in instead: ${appUrl}/sign-in (use "Email me a link" if you forgot your password).`,
      "If it was not you, you can ignore this email: nothing was changed.",
    ].join("\n\n"),
  };
}
