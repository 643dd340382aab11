import type { DbOrTx } from "@/db/client";
import { userIdByAccount } from "@/db/queries/accounts";
import { findInvitationByToken, hasOpenInvitationFor } from "@/db/queries/invitations";
import { getUserByEmail, normalizeEmail } from "@/db/queries/users";
import { type Env, env } from "@/lib/env";

// Who may create an account (SIGNUP_MODE): anyone, only the invited, or addresses at listed
// domains. An invitation always lets its invitee in, whatever the mode: it is a team of this
// Studio asking them. Only new accounts are judged; an existing account always signs in.
// Every answer here depends on the address and the invitation alone, never on whether the address
// already has an account, so sign-up keeps saying nothing about who is registered.

export type SignupPolicy = { mode: "open" } | { mode: "invite" } | { mode: "domains"; domains: readonly string[] };

export type Verdict = { ok: true } | { ok: false; message: string };

const OK: Verdict = { ok: true };

export function signupPolicy(e: Env = env()): SignupPolicy {
  if (e.SIGNUP_MODE === "domains") return { mode: "domains", domains: e.ALLOWED_EMAIL_DOMAINS ?? [] };
  return { mode: e.SIGNUP_MODE };
}

export const INVITE_ONLY =
  "This Studio is invitation-only. Ask someone on a team here to invite you, then follow the link in their email.";

// The allowed domains are named: they are the operator's choice, not a secret (anyone with such an
// address learns them by signing up), and a visitor with two addresses can pick the right one.
export function refusal(policy: SignupPolicy): string {
  if (policy.mode !== "domains") return INVITE_ONLY;
  const [last, ...rest] = policy.domains.map((d) => `@${d}`).reverse();
  const list = rest.length ? `${rest.reverse().join(", ")} or ${last}` : last;
  return `New accounts here are for ${list} addresses only. Ask someone on a team here for an invitation.`;
}

/** The domain part of an address, lower-cased: what follows its last "@". */
export function emailDomain(email: string): string {
  const e = normalizeEmail(email);
  return e.slice(e.lastIndexOf("@") + 1);
}

/** An exact match: a subdomain of a listed domain is another domain (it may be run by others). */
function domainAllowed(policy: SignupPolicy, email: string): boolean {
  return policy.mode === "domains" && policy.domains.includes(emailDomain(email));
}

const INVITATION = {
  invalid: "This invitation link is not valid. Ask the person who invited you for a new one.",
  used: "This invitation has already been used. Sign in instead.",
  expired: "This invitation has expired. Ask the person who invited you for a new one.",
} as const;

/** Whether the invitation behind `token` is open (and sent to `email`, when given); the words when not. */
export async function checkInvitation(db: DbOrTx, token: string, email?: string, now = new Date()): Promise<Verdict> {
  // The shape of a real token (43 base64url characters); anything else is not looked up.
  if (token.length < 10 || token.length > 200) return { ok: false, message: INVITATION.invalid };
  const found = await findInvitationByToken(db, token);
  const inv = found?.invitation;
  if (!inv || inv.revokedAt) return { ok: false, message: INVITATION.invalid };
  if (inv.acceptedAt) return { ok: false, message: INVITATION.used };
  if (inv.expiresAt <= now) return { ok: false, message: INVITATION.expired };
  // The link is sent to one address; it is not a pass for whoever holds it.
  if (email !== undefined && normalizeEmail(email) !== inv.email)
    return { ok: false, message: `This invitation was sent to ${inv.email}. Sign up with that address.` };
  return OK;
}

/**
 * A sign-up with a password. Its address is not proven (yet), so an invitation counts only through
 * its link's token, checked here against the database: whoever holds a link for one address
 * cannot open an account for another. Runs before anything looks the address up.
 */
export async function maySignUp(
  db: DbOrTx,
  policy: SignupPolicy,
  input: { email: string; invitation?: string },
  now = new Date(),
): Promise<Verdict> {
  if (policy.mode === "open" || domainAllowed(policy, input.email)) return OK;
  if (!input.invitation) return { ok: false, message: refusal(policy) };
  return checkInvitation(db, input.invitation, input.email, now);
}

/** The invitation token a sign-up came from: the invite page sends newcomers here with it as callbackUrl. */
export function invitationTokenIn(callbackUrl: string | undefined): string | undefined {
  const m = /^\/invite\/([A-Za-z0-9_-]+)(?:[?#]|$)/.exec(callbackUrl ?? "");
  return m?.[1];
}

/** Where a refused GitHub, Google or email-link newcomer lands: the sign-in page says why. */
export const SIGNUP_CLOSED = "closed";
export const SIGNUP_REFUSED_PATH = `/sign-in?signup=${SIGNUP_CLOSED}`;

type AuthJsSignIn = {
  user: { email?: string | null };
  account?: { provider: string; type?: string; providerAccountId?: string } | null;
  email?: { verificationRequest?: boolean };
};

/** Whether Auth.js is about to create an account: no linked identity and no user with the address. */
async function isNewcomer(db: DbOrTx, { user, account }: AuthJsSignIn): Promise<boolean> {
  if (!account || account.type === "credentials") return false;
  if (account.type !== "email" && account.providerAccountId) {
    if (await userIdByAccount(db, account.provider, account.providerAccountId)) return false;
  }
  // An address with an account but no link to this identity is Auth.js's own refusal to make.
  return !user.email || !(await getUserByEmail(db, user.email));
}

/**
 * Auth.js's sign-ins that may create an account (GitHub, Google, an email link). Their address is
 * proven by the provider or by the link itself, so any open invitation to it lets the newcomer in.
 * True to go ahead; else a path to send them to. Asking for a link is "refused" by sending none,
 * with the same "check your email" answer an existing address gets: the form must not tell a
 * stranger which addresses have accounts, and a mail that could not be used is better not sent.
 */
export async function admitAuthJsSignIn(
  db: DbOrTx,
  policy: SignupPolicy,
  params: AuthJsSignIn,
  now = new Date(),
): Promise<true | string> {
  if (policy.mode === "open" || !(await isNewcomer(db, params))) return true;
  const email = params.user.email ?? "";
  if (email && (domainAllowed(policy, email) || (await hasOpenInvitationFor(db, normalizeEmail(email), now))))
    return true;
  return params.email?.verificationRequest ? "/sign-in?check-email=1" : SIGNUP_REFUSED_PATH;
}
