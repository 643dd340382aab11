"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createTeam } from "@/db/queries/teams";
import { currentUser } from "@/lib/auth/session";
import { echo, fieldErrorsOf, type FormState } from "@/lib/form-state";
import { teamNameSchema } from "@/lib/teams/schemas";

export async function createTeamAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const parsed = teamNameSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData, "name") };
  const team = await createTeam(getDb(), { name: parsed.data.name, ownerId: user.id });
  redirect(`/t/${team.slug}`);
}
