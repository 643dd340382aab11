import type { Db } from "@/db/client";
import {
  createInvitation,
  findInvitationByToken,
  type Invitation,
  markInvitationAccepted,
  revokeInvitation,
} from "@/db/queries/invitations";
import {
  addMember,
  countOwnersForUpdate,
  deleteMembership,
  getMembership,
  renameTeam,
  setMemberRole,
} from "@/db/queries/teams";
import { normalizeEmail } from "@/db/queries/users";
import type { TeamRole } from "@/db/schema";
import { recordMember } from "@/lib/activity/lines";
import { RULES, throttle } from "@/lib/security/throttle";

// The rules of a team, enforced here on the server whatever the UI shows. Every function takes
// the acting member as read from the database for this request, never from the client.

export type Actor = { userId: string; teamId: string; role: TeamRole };
export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: string };

const rank: Record<TeamRole, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };
export const atLeast = (role: TeamRole, min: TeamRole) => rank[role] >= rank[min];

/** What a member made (a video, a collection) its maker may delete; admins and owners any. */
export const mayDeleteWhatTheyMade = (actor: Pick<Actor, "userId" | "role">, createdBy: string | null) =>
  atLeast(actor.role, "admin") || (actor.role === "member" && createdBy === actor.userId);

/** Members and above make, change and spend; a viewer only watches and downloads. */
export const canMake = (role: TeamRole) => atLeast(role, "member");
/** What a viewer is told by every step that creates, changes or spends. */
export const VIEWER_REFUSAL = "Viewers can watch and download this team's videos but not create or change them.";

const refuse = (error: string): { ok: false; error: string } => ({ ok: false, error });
const NOT_ALLOWED = "Only owners and admins can manage members.";

export async function renameTeamAs(db: Db, actor: Actor, name: string): Promise<Outcome> {
  if (!atLeast(actor.role, "admin")) return refuse("Only owners and admins can rename the team.");
  await renameTeam(db, actor.teamId, name);
  return { ok: true };
}

export async function inviteAs(
  db: Db,
  actor: Actor,
  input: { email: string; role: TeamRole },
): Promise<Outcome<{ token: string; invitation: Invitation }>> {
  if (!atLeast(actor.role, "admin")) return refuse("Only owners and admins can invite people.");
  if (input.role === "owner" && actor.role !== "owner") return refuse("Only an owner can invite another owner.");
  // Each invitation may send an email: a team gets a fixed number an hour, counted before saving.
  const pace = await throttle(db, RULES.invitationTeam, actor.teamId);
  if (!pace.ok) return refuse(pace.message);
  const email = normalizeEmail(input.email);
  const { invitation, token } = await createInvitation(db, {
    teamId: actor.teamId,
    email,
    role: input.role,
    invitedBy: actor.userId,
  });
  return { ok: true, token, invitation };
}

export async function revokeInvitationAs(db: Db, actor: Actor, invitationId: string): Promise<Outcome> {
  if (!atLeast(actor.role, "admin")) return refuse(NOT_ALLOWED);
  const done = await revokeInvitation(db, actor.teamId, invitationId);
  return done ? { ok: true } : refuse("That invitation no longer exists.");
}

export async function changeRoleAs(db: Db, actor: Actor, targetUserId: string, role: TeamRole): Promise<Outcome> {
  if (!atLeast(actor.role, "admin")) return refuse(NOT_ALLOWED);
  return db.transaction(async (tx) => {
    const target = await getMembership(tx, actor.teamId, targetUserId);
    if (!target) return refuse("That person is not a member of this team.");
    if (actor.role !== "owner" && (target.role === "owner" || role === "owner")) {
      return refuse("Only an owner can change an owner's role or make someone an owner.");
    }
    if (target.role === "owner" && role !== "owner" && (await countOwnersForUpdate(tx, actor.teamId)) <= 1) {
      return refuse("A team needs at least one owner. Make someone else an owner first.");
    }
    await setMemberRole(tx, actor.teamId, targetUserId, role);
    return { ok: true };
  });
}

/** Removes a member, or lets members remove themselves (leave). */
export async function removeMemberAs(db: Db, actor: Actor, targetUserId: string): Promise<Outcome> {
  const leaving = targetUserId === actor.userId;
  if (!leaving && !atLeast(actor.role, "admin")) return refuse(NOT_ALLOWED);
  return db.transaction(async (tx) => {
    const target = await getMembership(tx, actor.teamId, targetUserId);
    if (!target) return refuse("That person is not a member of this team.");
    if (!leaving && target.role === "owner" && actor.role !== "owner")
      return refuse("Only an owner can remove an owner.");
    if (target.role === "owner" && (await countOwnersForUpdate(tx, actor.teamId)) <= 1) {
      return refuse(
        leaving
          ? "You are the last owner. Make someone else an owner before you leave."
          : "A team needs at least one owner.",
      );
    }
    await deleteMembership(tx, actor.teamId, targetUserId);
    await recordMember(tx, actor.teamId, "member_left", targetUserId, { actorId: actor.userId });
    return { ok: true };
  });
}

export type AcceptError = "invalid" | "used" | "expired" | "wrong-account";

export async function acceptInvitation(
  db: Db,
  token: string,
  user: { id: string; email: string | null },
  now = new Date(),
): Promise<{ ok: true; teamSlug: string } | { ok: false; reason: AcceptError; invitedEmail?: string }> {
  const found = await findInvitationByToken(db, token);
  if (!found || found.invitation.revokedAt) return { ok: false, reason: "invalid" };
  const inv = found.invitation;
  if (inv.acceptedAt) {
    // Opening one's own accepted link again is harmless: take the member to the team.
    if (inv.acceptedBy === user.id) return { ok: true, teamSlug: found.teamSlug };
    return { ok: false, reason: "used" };
  }
  if (inv.expiresAt <= now) return { ok: false, reason: "expired" };
  // The link is sent to one address; it is not a bearer token for whoever holds it.
  if (!user.email || normalizeEmail(user.email) !== inv.email) {
    return { ok: false, reason: "wrong-account", invitedEmail: inv.email };
  }
  const joined = await db.transaction(async (tx) => {
    if (!(await markInvitationAccepted(tx, inv.id, user.id, now))) return false;
    const existing = await getMembership(tx, inv.teamId, user.id);
    if (!existing) {
      await addMember(tx, inv.teamId, user.id, inv.role);
      await recordMember(tx, inv.teamId, "member_joined", user.id, { role: inv.role });
    }
    return true;
  });
  return joined ? { ok: true, teamSlug: found.teamSlug } : { ok: false, reason: "used" };
}
