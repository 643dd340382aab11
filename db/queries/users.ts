import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users } from "../schema";

export type User = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById(db: DbOrTx, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function getUserByEmail(db: DbOrTx, email: string): Promise<User | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}

/** A new account with a password; null when the email is taken. */
export async function insertUser(
  db: DbOrTx,
  input: { name: string; email: string; passwordHash: string },
): Promise<User | null> {
  const [user] = await db
    .insert(users)
    .values({ name: input.name.trim(), email: normalizeEmail(input.email), passwordHash: input.passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return user ?? null;
}

/**
 * Removes a password nobody proved the address for (set at sign-up, email never confirmed).
 * Conditional on both, so a confirmed account keeps its password; true when one was removed.
 */
export async function dropUnprovenPassword(db: DbOrTx, userId: string): Promise<boolean> {
  const gone = await db
    .update(users)
    .set({ passwordHash: null })
    .where(and(eq(users.id, userId), isNull(users.emailVerified), isNotNull(users.passwordHash)))
    .returning({ id: users.id });
  return gone.length > 0;
}
