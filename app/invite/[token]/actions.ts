"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { currentUser } from "@/lib/auth/session";
import type { FormState } from "@/lib/form-state";
import { acceptInvitation } from "@/lib/teams/service";

const MESSAGES = {
  invalid: "This invitation link is not valid. Ask for a new one.",
  used: "This invitation has already been used.",
  expired: "This invitation has expired. Ask for a new one.",
} as const;

export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return { error: "Sign in first to accept the invitation." };
  const token = z.string().min(10).max(200).safeParse(formData.get("token"));
  if (!token.success) return { error: MESSAGES.invalid };
  const r = await acceptInvitation(getDb(), token.data, user);
  if (r.ok) redirect(`/t/${r.teamSlug}`);
  if (r.reason === "wrong-account") {
    return { error: `This invitation was sent to ${r.invitedEmail}. Sign in with that address to accept it.` };
  }
  return { error: MESSAGES[r.reason] };
}
