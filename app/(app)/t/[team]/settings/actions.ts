"use server";

import { redirect } from "next/navigation";
import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { FormState } from "@/lib/form-state";
import { sendMail } from "@/lib/mail";
import { changeRoleSchema, invitationIdSchema, inviteSchema, memberSchema, teamNameSchema } from "@/lib/teams/schemas";
import { changeRoleAs, inviteAs, removeMemberAs, renameTeamAs, revokeInvitationAs } from "@/lib/teams/service";
import { absoluteUrl, urls } from "@/lib/urls";

const MANAGERS_ONLY = "Only owners and admins can manage members.";

export type InviteState = FormState & { link?: string; emailed?: boolean };

// Each door names the least role; lib/teams/service.ts checks the finer rules (who may change
// whose role, the last owner) again inside the step.

export const renameTeamAction = teamAction(
  { min: "admin", schema: teamNameSchema, roleError: "Only owners and admins can rename the team." },
  async (ctx, { name }): Promise<FormState> => {
    const r = await renameTeamAs(getDb(), ctx.actor, name);
    return r.ok ? { ok: true, message: "Team renamed." } : { error: r.error };
  },
);

export const inviteAction = teamAction(
  {
    min: "admin",
    schema: inviteSchema,
    echo: ["email", "role"],
    roleError: "Only owners and admins can invite people.",
  },
  async (ctx, input): Promise<InviteState> => {
    const r = await inviteAs(getDb(), ctx.actor, input);
    if (!r.ok) return { error: r.error };
    const link = absoluteUrl(env().APP_URL, urls.invite(r.token));
    const inviter = ctx.user.name ?? ctx.user.email ?? "A teammate";
    const emailed = await sendMail(
      r.invitation.email,
      `${inviter} invited you to ${ctx.team.name} on Vimmerse Studio`,
      `${inviter} invited you to join ${ctx.team.name} on Vimmerse Studio.\n\nJoin: ${link}\n\nThis link works once and expires in 7 days.`,
    );
    return { ok: true, link, emailed, message: `Invitation created for ${r.invitation.email}.` };
  },
);

export const revokeInvitationAction = teamAction(
  { min: "admin", schema: invitationIdSchema, roleError: MANAGERS_ONLY },
  async (ctx, { invitationId }): Promise<FormState> => {
    const r = await revokeInvitationAs(getDb(), ctx.actor, invitationId);
    return r.ok ? { ok: true, message: "Invitation revoked." } : { error: r.error };
  },
);

export const changeRoleAction = teamAction(
  { min: "admin", schema: changeRoleSchema, roleError: MANAGERS_ONLY },
  async (ctx, { userId, role }): Promise<FormState> => {
    const r = await changeRoleAs(getDb(), ctx.actor, userId, role);
    return r.ok ? { ok: true, message: "Role updated." } : { error: r.error };
  },
);

// Anyone in the team, a viewer too, may leave; removing someone else is an admin's (checked in
// removeMemberAs).
export const removeMemberAction = teamAction(
  { min: "viewer", schema: memberSchema },
  async (ctx, { userId }): Promise<FormState> => {
    const r = await removeMemberAs(getDb(), ctx.actor, userId);
    if (!r.ok) return { error: r.error };
    if (userId === ctx.user.id) redirect("/app");
    return { ok: true, message: "Member removed." };
  },
);
