"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { AccessDenied, authorizeTeam, type TeamContext } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { echo, fieldErrorsOf, type FormState } from "@/lib/form-state";
import { sendMail } from "@/lib/mail";
import {
  changeRoleSchema,
  invitationIdSchema,
  inviteSchema,
  memberSchema,
  teamNameSchema,
} from "@/lib/teams/schemas";
import { changeRoleAs, inviteAs, removeMemberAs, renameTeamAs, revokeInvitationAs } from "@/lib/teams/service";

export type InviteState = FormState & { link?: string; emailed?: boolean };

/** Authorizes from the database, validates with zod, then runs the step; errors become form state. */
async function teamStep<S extends z.ZodType, R extends FormState>(
  formData: FormData,
  schema: S,
  step: (ctx: TeamContext, input: z.infer<S>) => Promise<R>,
): Promise<R | FormState> {
  let ctx: TeamContext;
  try {
    ctx = await authorizeTeam(formData.get("team"));
  } catch (err) {
    if (err instanceof AccessDenied) return { error: "That team doesn't exist or you are not a member of it." };
    throw err;
  }
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await step(ctx, parsed.data);
  revalidatePath(`/t/${ctx.team.slug}`, "layout");
  return result;
}

export async function renameTeamAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return teamStep(formData, teamNameSchema, async (ctx, { name }) => {
    const r = await renameTeamAs(getDb(), ctx.actor, name);
    return r.ok ? { ok: true, message: "Team renamed." } : { error: r.error };
  });
}

export async function inviteAction(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const values = echo(formData, "email", "role");
  const result: InviteState = await teamStep(formData, inviteSchema, async (ctx, input) => {
    const r = await inviteAs(getDb(), ctx.actor, input);
    if (!r.ok) return { error: r.error };
    const link = `${env().APP_URL}/invite/${r.token}`;
    const inviter = ctx.user.name ?? ctx.user.email ?? "A teammate";
    const emailed = await sendMail(
      r.invitation.email,
      `${inviter} invited you to ${ctx.team.name} on Vimmerse Studio`,
      `${inviter} invited you to join ${ctx.team.name} on Vimmerse Studio.\n\nJoin: ${link}\n\nThis link works once and expires in 7 days.`,
    );
    return { ok: true, link, emailed, message: `Invitation created for ${r.invitation.email}.` };
  });
  return result.ok ? result : { ...result, values };
}

export async function revokeInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return teamStep(formData, invitationIdSchema, async (ctx, { invitationId }) => {
    const r = await revokeInvitationAs(getDb(), ctx.actor, invitationId);
    return r.ok ? { ok: true, message: "Invitation revoked." } : { error: r.error };
  });
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return teamStep(formData, changeRoleSchema, async (ctx, { userId, role }) => {
    const r = await changeRoleAs(getDb(), ctx.actor, userId, role);
    return r.ok ? { ok: true, message: "Role updated." } : { error: r.error };
  });
}

export async function removeMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const result = await teamStep(formData, memberSchema, async (ctx, { userId }) => {
    const r = await removeMemberAs(getDb(), ctx.actor, userId);
    if (!r.ok) return { error: r.error };
    return { ok: true, message: userId === ctx.user.id ? "left" : "Member removed." };
  });
  if (result.ok && result.message === "left") redirect("/app");
  return result;
}
