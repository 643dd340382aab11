import { describe, expect, it } from "vitest";
import { findInvitationByToken } from "@/db/queries/invitations";
import { getTeamForUser, listMembers } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { createUserWithPersonalTeam } from "@/lib/teams/create";
import {
  acceptInvitation,
  changeRoleAs,
  inviteAs,
  removeMemberAs,
  renameTeamAs,
  revokeInvitationAs,
} from "@/lib/teams/service";
import { actorIn, makeUser } from "../helpers/factories";

const db = () => getDb();

async function join(owner: Awaited<ReturnType<typeof makeUser>>, name: string, role: "admin" | "member" = "member") {
  const guest = await makeUser(name);
  const inv = await inviteAs(db(), owner.actor, { email: guest.user.email!, role });
  if (!inv.ok) throw new Error(inv.error);
  const res = await acceptInvitation(db(), inv.token, guest.user);
  expect(res.ok).toBe(true);
  return { ...guest, actor: await actorIn(guest.user.id, owner.team.slug) };
}

describe("sign-up", () => {
  it("creates the user, a personal team and the owner membership together", async () => {
    const { user, team } = await makeUser("Grace");
    expect(team.name).toBe("Grace's team");
    expect(team.role).toBe("owner");
    expect((await listMembers(db(), team.id)).map((m) => m.userId)).toEqual([user.id]);
  });

  it("refuses a duplicate email (any case) and creates nothing", async () => {
    const { user } = await makeUser("Linus");
    const again = await createUserWithPersonalTeam(db(), {
      name: "X",
      email: user.email!.toUpperCase(),
      passwordHash: "h",
    });
    expect(again).toBeNull();
  });
});

describe("invitations", () => {
  it("lets the invited person join once; the link cannot be reused by someone else", async () => {
    const owner = await makeUser("Owner");
    const guest = await makeUser("Guest");
    const inv = await inviteAs(db(), owner.actor, { email: guest.user.email!, role: "member" });
    if (!inv.ok) throw new Error(inv.error);
    expect((await findInvitationByToken(db(), inv.token))?.invitation.tokenHash).not.toBe(inv.token);
    expect(await acceptInvitation(db(), inv.token, guest.user)).toEqual({ ok: true, teamSlug: owner.team.slug });
    expect((await getTeamForUser(db(), guest.user.id, owner.team.slug))?.role).toBe("member");
    const other = await makeUser("Other");
    expect(await acceptInvitation(db(), inv.token, other.user)).toMatchObject({ ok: false, reason: "used" });
    expect(await getTeamForUser(db(), other.user.id, owner.team.slug)).toBeNull();
  });

  it("refuses expired, revoked, unknown and wrong-account invitations without joining", async () => {
    const owner = await makeUser("Owner");
    const guest = await makeUser("Guest");
    const inv = await inviteAs(db(), owner.actor, { email: guest.user.email!, role: "member" });
    if (!inv.ok) throw new Error(inv.error);
    const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(await acceptInvitation(db(), inv.token, guest.user, later)).toMatchObject({ ok: false, reason: "expired" });
    const stranger = await makeUser("Stranger");
    expect(await acceptInvitation(db(), inv.token, stranger.user)).toMatchObject({
      ok: false,
      reason: "wrong-account",
    });
    expect(await acceptInvitation(db(), "not-a-token", guest.user)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await revokeInvitationAs(db(), owner.actor, inv.invitation.id)).toEqual({ ok: true });
    expect(await acceptInvitation(db(), inv.token, guest.user)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await getTeamForUser(db(), guest.user.id, owner.team.slug)).toBeNull();
  });

  it("a newer invitation to the same address replaces the open one", async () => {
    const owner = await makeUser("Owner");
    const first = await inviteAs(db(), owner.actor, { email: "new@example.com", role: "member" });
    const second = await inviteAs(db(), owner.actor, { email: "NEW@example.com", role: "admin" });
    if (!first.ok || !second.ok) throw new Error("invite failed");
    expect((await findInvitationByToken(db(), first.token))?.invitation.revokedAt).not.toBeNull();
    expect((await findInvitationByToken(db(), second.token))?.invitation.email).toBe("new@example.com");
  });
});

describe("roles", () => {
  it("a member cannot invite, rename, promote or remove, and nothing changes", async () => {
    const owner = await makeUser("Owner");
    const member = await join(owner, "Member");
    expect(await inviteAs(db(), member.actor, { email: "x@example.com", role: "member" })).toMatchObject({ ok: false });
    expect(await renameTeamAs(db(), member.actor, "Hijacked")).toMatchObject({ ok: false });
    expect(await changeRoleAs(db(), member.actor, member.user.id, "owner")).toMatchObject({ ok: false });
    expect(await removeMemberAs(db(), member.actor, owner.user.id)).toMatchObject({
      ok: false,
      error: "Only owners and admins can manage members.",
    });
    const members = await listMembers(db(), owner.team.id);
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [owner.user.id, "owner"],
      [member.user.id, "member"],
    ]);
    expect((await getTeamForUser(db(), owner.user.id, owner.team.slug))?.name).toBe(owner.team.name);
  });

  it("an admin manages members but cannot touch owners or mint owners", async () => {
    const owner = await makeUser("Owner");
    const admin = await join(owner, "Admin", "admin");
    const member = await join(owner, "Member");
    expect(await changeRoleAs(db(), admin.actor, member.user.id, "admin")).toEqual({ ok: true });
    expect(await changeRoleAs(db(), admin.actor, member.user.id, "owner")).toMatchObject({ ok: false });
    expect(await changeRoleAs(db(), admin.actor, owner.user.id, "member")).toMatchObject({ ok: false });
    expect(await removeMemberAs(db(), admin.actor, owner.user.id)).toMatchObject({ ok: false });
    expect(await inviteAs(db(), admin.actor, { email: "o@example.com", role: "owner" })).toMatchObject({ ok: false });
    expect(await removeMemberAs(db(), admin.actor, member.user.id)).toEqual({ ok: true });
    expect(await getTeamForUser(db(), member.user.id, owner.team.slug)).toBeNull();
  });

  it("the last owner can neither leave nor be demoted; with a second owner they can", async () => {
    const owner = await makeUser("Owner");
    expect(await removeMemberAs(db(), owner.actor, owner.user.id)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/last owner/),
    });
    expect(await changeRoleAs(db(), owner.actor, owner.user.id, "member")).toMatchObject({ ok: false });
    const second = await join(owner, "Second");
    expect(await changeRoleAs(db(), owner.actor, second.user.id, "owner")).toEqual({ ok: true });
    expect(await changeRoleAs(db(), owner.actor, owner.user.id, "admin")).toEqual({ ok: true });
    expect((await getTeamForUser(db(), owner.user.id, owner.team.slug))?.role).toBe("admin");
  });

  it("a member can leave the team", async () => {
    const owner = await makeUser("Owner");
    const member = await join(owner, "Member");
    expect(await removeMemberAs(db(), member.actor, member.user.id)).toEqual({ ok: true });
    expect(await getTeamForUser(db(), member.user.id, owner.team.slug)).toBeNull();
  });
});

describe("isolation", () => {
  it("a team is invisible to users who are not in it", async () => {
    const a = await makeUser("Alice");
    const b = await makeUser("Bob");
    expect(await getTeamForUser(db(), b.user.id, a.team.slug)).toBeNull();
    expect(await getTeamForUser(db(), a.user.id, b.team.slug)).toBeNull();
  });
});
