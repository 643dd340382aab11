"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/form-state";
import { createTeamFor } from "@/lib/teams/create";
import { teamNameSchema } from "@/lib/teams/schemas";
import { urls } from "@/lib/urls";

export const createTeamAction = userAction(
  { schema: teamNameSchema, echo: ["name"] },
  async (user, { name }): Promise<FormState> => {
    const team = await createTeamFor(getDb(), { name, ownerId: user.id });
    redirect(urls.team(team.slug));
  },
);
