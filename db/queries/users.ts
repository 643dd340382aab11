import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users } from "../schema";
import { createTeam } from "./teams";

export type User = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById(db: DbOrTx, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function getUserByEmail(db: DbOrTx, email: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
  return row ?? null;
}

export function personalTeamName(user: { name: string | null; email: string | null }): string {
  const who = user.name?.trim() || user.email?.split("@")[0] || "My";
  return `${who}'s team`;
}

/**
 * Creates the account, its personal team and the owner membership in one transaction:
 * there is never a user without a team. Returns null when the email is taken.
 */
export async function createUserWithPersonalTeam(
  db: DbOrTx,
  input: { name: string; email: string; passwordHash: string },
): Promise<{ user: User; teamSlug: string } | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: input.name.trim(), email: normalizeEmail(input.email), passwordHash: input.passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) return null;
    const team = await createTeam(tx, { name: personalTeamName(user), ownerId: user.id });
    return { user, teamSlug: team.slug };
  });
}
