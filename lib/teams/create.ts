import type { DbOrTx } from "@/db/client";
import { createTeam, type Team } from "@/db/queries/teams";
import { insertUser, type User } from "@/db/queries/users";
import { uniqueSlug } from "@/lib/text";

// How teams come to be: one a user names, and the personal team every new account gets.

export function createTeamFor(db: DbOrTx, input: { name: string; ownerId: string }): Promise<Team> {
  return createTeam(db, { name: input.name, slug: uniqueSlug(input.name), ownerId: input.ownerId });
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
    const user = await insertUser(tx, input);
    if (!user) return null;
    const team = await createTeamFor(tx, { name: personalTeamName(user), ownerId: user.id });
    return { user, teamSlug: team.slug };
  });
}
