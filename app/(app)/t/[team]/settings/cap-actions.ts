"use server";

import { setMemberCap } from "@/db/queries/teams";
import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/form-state";
import { memberCapSchema } from "./schemas";

// A member's monthly credit cap, set by an owner. lib/billing/ledger.ts's reserve() enforces it.

export const setMemberCapAction = teamAction(
  { min: "owner", schema: memberCapSchema, roleError: "Only owners can set members' monthly caps.", echo: ["cap"] },
  async (ctx, { userId, cap }): Promise<FormState> => {
    if (!(await setMemberCap(getDb(), ctx.team.id, userId, cap)))
      return { error: "That person is not a member of this team." };
    return { ok: true, message: cap === null ? "No cap." : `Capped at ${cap} credit${cap === 1 ? "" : "s"} a month.` };
  },
);
