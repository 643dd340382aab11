"use server";

import { revalidatePath } from "next/cache";
import { operatorAction } from "@/lib/admin/operators";
import { ADMIN_PATH, budgetSchema, NOT_FOUND, teamSchema } from "@/lib/admin/schemas";
import { changeBudget, changeSuspension } from "@/lib/admin/teams";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/form-state";

// The operator's changes to a team. Each goes through operatorAction, which answers anyone else
// as if the team did not exist; the team's own pages read the change on their next request.

const done = (changed: boolean, message: string): FormState => {
  if (!changed) return { error: NOT_FOUND };
  revalidatePath(ADMIN_PATH);
  return { ok: true, message };
};

export const suspendTeamAction = operatorAction(teamSchema, async (_op, { teamId }) =>
  done(await changeSuspension(getDb(), teamId, true), "Team suspended."),
);

export const resumeTeamAction = operatorAction(teamSchema, async (_op, { teamId }) =>
  done(await changeSuspension(getDb(), teamId, false), "Team resumed."),
);

export const setBudgetAction = operatorAction(
  budgetSchema,
  async (_op, { teamId, budget }) => done(await changeBudget(getDb(), teamId, budget), "Budget saved."),
  { echo: ["budget"] },
);
