import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { memberships, type TeamRole, teams, users } from "../schema";

export type Team = typeof teams.$inferSelect;
export type TeamWithRole = Team & { role: TeamRole };
export type Member = { userId: string; name: string | null; email: string | null; role: TeamRole; joinedAt: Date };

/** A team and its owner's membership, together. */
export async function createTeam(db: DbOrTx, input: { name: string; slug: string; ownerId: string }): Promise<Team> {
  return db.transaction(async (tx) => {
    const [team] = await tx.insert(teams).values({ name: input.name.trim(), slug: input.slug }).returning();
    if (!team) throw new Error("team insert returned no row");
    await tx.insert(memberships).values({ teamId: team.id, userId: input.ownerId, role: "owner" });
    return team;
  });
}

/** The team behind a URL slug, only if the user belongs to it (with the user's role) and it is not being deleted. */
export async function getTeamForUser(db: DbOrTx, userId: string, slug: string): Promise<TeamWithRole | null> {
  const [row] = await db
    .select({ team: teams, role: memberships.role })
    .from(teams)
    .innerJoin(memberships, and(eq(memberships.teamId, teams.id), eq(memberships.userId, userId)))
    .where(and(eq(teams.slug, slug), isNull(teams.deletingAt)))
    .limit(1);
  return row ? { ...row.team, role: row.role } : null;
}

/** The user's teams, without those being deleted (gone for every member at once). */
export async function listTeamsForUser(db: DbOrTx, userId: string): Promise<TeamWithRole[]> {
  const rows = await db
    .select({ team: teams, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(and(eq(memberships.userId, userId), isNull(teams.deletingAt)))
    .orderBy(asc(teams.name));
  return rows.map((r) => ({ ...r.team, role: r.role }));
}

export async function renameTeam(db: DbOrTx, teamId: string, name: string): Promise<void> {
  await db.update(teams).set({ name: name.trim(), updatedAt: new Date() }).where(eq(teams.id, teamId));
}

export async function listMembers(db: DbOrTx, teamId: string): Promise<Member[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.teamId, teamId))
    .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(users.email));
}

export async function getMembership(db: DbOrTx, teamId: string, userId: string): Promise<{ role: TeamRole } | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Row-locks the team's owners so two concurrent demotions cannot both pass the last-owner check. */
export async function countOwnersForUpdate(db: DbOrTx, teamId: string): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.teamId, teamId), eq(memberships.role, "owner")))
    .for("update");
  return rows.length;
}

export async function setMemberRole(db: DbOrTx, teamId: string, userId: string, role: TeamRole): Promise<void> {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: DbOrTx, teamId: string, userId: string): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)));
}

export async function addMember(db: DbOrTx, teamId: string, userId: string, role: TeamRole): Promise<void> {
  await db.insert(memberships).values({ teamId, userId, role }).onConflictDoNothing();
}

export async function memberCount(db: DbOrTx, teamId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.teamId, teamId));
  return row?.n ?? 0;
}

/** Sets (or, with null, clears) a member's monthly credit cap; false when the user is not in the team. */
export async function setMemberCap(db: DbOrTx, teamId: string, userId: string, cap: number | null): Promise<boolean> {
  const rows = await db
    .update(memberships)
    .set({ monthlyCreditCap: cap })
    .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}

/** Every member's monthly credit cap (null: none), for the owner's view of the members list. */
export async function listMemberCaps(db: DbOrTx, teamId: string): Promise<Map<string, number | null>> {
  const rows = await db
    .select({ userId: memberships.userId, cap: memberships.monthlyCreditCap })
    .from(memberships)
    .where(eq(memberships.teamId, teamId));
  return new Map(rows.map((r) => [r.userId, r.cap]));
}
