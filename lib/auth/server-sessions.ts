import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import type { DbOrTx } from "@/db/client";
import { deleteSession, deleteUserSessions, extendSession, getLiveSession, insertSession } from "@/db/queries/sessions";
import { dropUnprovenPassword } from "@/db/queries/users";
import { admitAuthJsSignIn, type SignupPolicy } from "./signup-policy";

// Sessions that end on the server. The cookie stays a JWT (Credentials sign-in needs it) but
// names a row in `sessions` by its `sid`; signing out deletes the row, so a copied cookie stops
// working, and a cookie without a live row (or from before sids existed) is signed out.

/** The provider id of "Email me a link" (Auth.js's Nodemailer). */
export const EMAIL_LINK_PROVIDER = "nodemailer";

const DAY = 24 * 60 * 60;
/** A session lasts a week from its last refresh… */
export const SESSION_MAX_AGE = 7 * DAY;
/** …and is refreshed at most once a day, so reading it is not a write per request. */
export const SESSION_UPDATE_AGE = DAY;

const expiresFrom = (now: Date) => new Date(now.getTime() + SESSION_MAX_AGE * 1000);

/** Records a new session for the user and returns its id for the JWT. */
export async function startSession(db: DbOrTx, userId: string, now = new Date()): Promise<string> {
  const sid = randomBytes(32).toString("base64url");
  await insertSession(db, { sessionToken: sid, userId, expires: expiresFrom(now) });
  return sid;
}

/** Whether the token still names a live session; pushes its end a week out once a day. */
export async function sessionIsLive(db: DbOrTx, token: JWT, now = new Date()): Promise<boolean> {
  if (typeof token.sid !== "string" || typeof token.sub !== "string") return false;
  const row = await getLiveSession(db, token.sid, token.sub);
  if (!row) return false;
  const lastRefresh = row.expires.getTime() - SESSION_MAX_AGE * 1000;
  if (now.getTime() - lastRefresh >= SESSION_UPDATE_AGE * 1000) await extendSession(db, token.sid, expiresFrom(now));
  return true;
}

/** The Auth.js jwt callback: a sid at sign-in, then null (signed out) once its row is gone. */
export async function jwtWithSession(
  db: DbOrTx,
  { token, user }: { token: JWT; user?: { id?: string } | null },
): Promise<JWT | null> {
  if (user?.id) return { ...token, sub: user.id, sid: await startSession(db, user.id) };
  return (await sessionIsLive(db, token)) ? token : null;
}

/** Sign-out deletes the session row the cookie names. */
export async function endSession(db: DbOrTx, token: JWT | null | undefined): Promise<void> {
  if (typeof token?.sid === "string") await deleteSession(db, token.sid);
}

export function endAllSessions(db: DbOrTx, userId: string): Promise<number> {
  return deleteUserSessions(db, userId);
}

/**
 * An email link proves its clicker owns the address. A password set on that address by someone
 * who never proved it (a sign-up the owner did not make) is removed, and whoever signed in with it
 * is signed out: the owner wins. Runs before the link's own session is started.
 */
export async function ownerTakesAccount(db: DbOrTx, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const dropped = await dropUnprovenPassword(tx, userId);
    if (dropped) await deleteUserSessions(tx, userId);
    return dropped;
  });
}

type SignInParams = {
  user: { id?: string; email?: string | null };
  account?: { provider: string; type?: string; providerAccountId?: string } | null;
  email?: { verificationRequest?: boolean };
};

/**
 * The Auth.js signIn callback. A newcomer the sign-up policy refuses goes no further (nothing is
 * created; lib/auth/signup-policy.ts). A sign-in link, when followed (not when asked for), lands
 * on its address's account and the owner takes it back; the sign-up's confirm link is the
 * password's own proof and keeps it.
 */
export async function signInCallback(
  db: DbOrTx,
  params: SignInParams,
  policy: SignupPolicy = { mode: "open" },
): Promise<true | string> {
  const admitted = await admitAuthJsSignIn(db, policy, params);
  if (admitted !== true) return admitted;
  const { user, account, email } = params;
  if (account?.provider === EMAIL_LINK_PROVIDER && !email?.verificationRequest && user.id)
    await ownerTakesAccount(db, user.id);
  return true;
}
