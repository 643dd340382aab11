import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { teamVimmerseKeys, users } from "../schema";

// A team's own Vimmerse key, stored sealed (lib/team-keys seals and opens it): one row per team.

export type TeamKeyRow = typeof teamVimmerseKeys.$inferSelect;
export type TeamKeyInfo = { last4: string; setAt: Date; setByName: string | null };

export async function getTeamKeyRow(db: DbOrTx, teamId: string): Promise<TeamKeyRow | null> {
  const [row] = await db.select().from(teamVimmerseKeys).where(eq(teamVimmerseKeys.teamId, teamId)).limit(1);
  return row ?? null;
}

/** What the settings page shows: the last four characters, when and by whom; never the ciphertext. */
export async function getTeamKeyInfo(db: DbOrTx, teamId: string): Promise<TeamKeyInfo | null> {
  const [row] = await db
    .select({ last4: teamVimmerseKeys.last4, setAt: teamVimmerseKeys.setAt, name: users.name, email: users.email })
    .from(teamVimmerseKeys)
    .leftJoin(users, eq(users.id, teamVimmerseKeys.setBy))
    .where(eq(teamVimmerseKeys.teamId, teamId))
    .limit(1);
  return row ? { last4: row.last4, setAt: row.setAt, setByName: row.name ?? row.email ?? null } : null;
}

export async function upsertTeamKey(
  db: DbOrTx,
  row: { teamId: string; ciphertext: string; last4: string; setBy: string | null },
): Promise<void> {
  const setAt = new Date();
  await db
    .insert(teamVimmerseKeys)
    .values({ ...row, setAt })
    .onConflictDoUpdate({
      target: teamVimmerseKeys.teamId,
      set: { ciphertext: row.ciphertext, last4: row.last4, setBy: row.setBy, setAt },
    });
}

/** Replaces only the ciphertext (a rotation), if the row still holds the one the caller read. */
export async function resealTeamKey(db: DbOrTx, teamId: string, from: string, to: string): Promise<boolean> {
  const rows = await db
    .update(teamVimmerseKeys)
    .set({ ciphertext: to })
    .where(and(eq(teamVimmerseKeys.teamId, teamId), eq(teamVimmerseKeys.ciphertext, from)))
    .returning({ teamId: teamVimmerseKeys.teamId });
  return rows.length > 0;
}

/** Every stored row, for the rotation script (a handful of teams; one pass). */
export async function listTeamKeyRows(db: DbOrTx): Promise<Pick<TeamKeyRow, "teamId" | "ciphertext">[]> {
  return db.select({ teamId: teamVimmerseKeys.teamId, ciphertext: teamVimmerseKeys.ciphertext }).from(teamVimmerseKeys);
}

export async function deleteTeamKey(db: DbOrTx, teamId: string): Promise<boolean> {
  const rows = await db
    .delete(teamVimmerseKeys)
    .where(eq(teamVimmerseKeys.teamId, teamId))
    .returning({ teamId: teamVimmerseKeys.teamId });
  return rows.length > 0;
}
