"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/form-state";
import { acceptInvitation } from "@/lib/teams/service";
import { urls } from "@/lib/urls";

const MESSAGES = {
  invalid: "This invitation link is not valid. Ask for a new one.",
  used: "This invitation has already been used.",
  expired: "This invitation has expired. Ask for a new one.",
} as const;

// A malformed token reads like an unknown one: the same sentence, not a field error.
const tokenSchema = z.object({ token: z.string().catch("") });

export const acceptInvitationAction = userAction(
  { schema: tokenSchema, signedOut: "Sign in first to accept the invitation." },
  async (user, { token }): Promise<FormState> => {
    if (token.length < 10 || token.length > 200) return { error: MESSAGES.invalid };
    const r = await acceptInvitation(getDb(), token, user);
    if (r.ok) redirect(urls.team(r.teamSlug));
    if (r.reason === "wrong-account") {
      return { error: `This invitation was sent to ${r.invitedEmail}. Sign in with that address to accept it.` };
    }
    return { error: MESSAGES[r.reason] };
  },
);
