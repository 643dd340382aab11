import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { invitations, type TeamRole, teams, users } from "../schema";

export type Invitation = typeof invitations.$inferSelect;

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates an invitation and returns the raw token (shown once, then only its hash is kept).
 * A second invitation to the same address replaces the open one, so the newest link works.
 */
export async function createInvitation(
  db: DbOrTx,
  input: { teamId: string; email: string; role: TeamRole; invitedBy: string; now?: Date },
): Promise<{ invitation: Invitation; token: string }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.teamId, input.teamId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [invitation] = await tx
      .insert(invitations)
      .values({
        teamId: input.teamId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: input.invitedBy,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .returning();
    if (!invitation) throw new Error("invitation insert returned no row");
    return { invitation, token };
  });
}

export async function listOpenInvitations(db: DbOrTx, teamId: string, now = new Date()): Promise<Invitation[]> {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.teamId, teamId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(db: DbOrTx, teamId: string, invitationId: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), eq(invitations.teamId, teamId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

export type InvitationView = {
  invitation: Invitation;
  teamName: string;
  teamSlug: string;
  inviterName: string | null;
};

/** Looks an invitation up by its raw token (the invitee is not a member yet, so no team scope). */
export async function findInvitationByToken(db: DbOrTx, token: string): Promise<InvitationView | null> {
  const [row] = await db
    .select({ invitation: invitations, teamName: teams.name, teamSlug: teams.slug, inviterName: users.name })
    .from(invitations)
    .innerJoin(teams, eq(teams.id, invitations.teamId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .limit(1);
  return row ?? null;
}

/** Marks the invitation used, only if still open: the conditional update makes it single-use. */
export async function markInvitationAccepted(
  db: DbOrTx,
  invitationId: string,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(
      and(
        eq(invitations.id, invitationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Whether any team has an open (unused, unrevoked, unexpired) invitation to this address. */
export async function hasOpenInvitationFor(db: DbOrTx, email: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .limit(1);
  return Boolean(row);
}
