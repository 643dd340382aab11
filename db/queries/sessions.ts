import { and, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sessions } from "../schema";

// Server-side records of signed-in browsers. The session cookie is a JWT (Credentials needs it);
// it carries the row's token as its `sid`, and a cookie whose row is gone is signed out.

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: DbOrTx, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The live row for this token and user; null when deleted, expired or someone else's. */
export async function getLiveSession(db: DbOrTx, sessionToken: string, userId: string): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.sessionToken, sessionToken), eq(sessions.userId, userId), gt(sessions.expires, new Date())))
    .limit(1);
  return row ?? null;
}

export async function extendSession(db: DbOrTx, sessionToken: string, expires: Date): Promise<void> {
  await db.update(sessions).set({ expires }).where(eq(sessions.sessionToken, sessionToken));
}

export async function deleteSession(db: DbOrTx, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sessionToken, sessionToken));
}

/** Ends every session of a user ("sign out everywhere", an email owner taking an account back). */
export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ token: sessions.sessionToken });
  return gone.length;
}
