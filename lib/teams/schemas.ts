import { z } from "zod";
import { emailField } from "@/lib/auth/schemas";

export const teamNameSchema = z.object({
  name: z.string().trim().min(1, "Give the team a name.").max(60, "Use at most 60 characters."),
});

export const roleField = z.enum(["owner", "admin", "member", "viewer"], "Choose owner, admin, member or viewer.");

export const inviteSchema = z.object({ email: emailField, role: roleField });
export const changeRoleSchema = z.object({ userId: z.string().min(1), role: roleField });
export const memberSchema = z.object({ userId: z.string().min(1) });
export const invitationIdSchema = z.object({ invitationId: z.uuid("Unknown invitation.") });
