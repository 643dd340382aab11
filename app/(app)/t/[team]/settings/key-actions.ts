"use server";

import { z } from "zod";
import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/form-state";
import { removeTeamKey, saveTeamKey } from "@/lib/team-keys";
import { checkKeyWithUpstream } from "@/lib/team-keys/app-check";
import { teamKeySchema } from "./schemas";

// The team's own Vimmerse key: owners only. The key goes in, is checked and sealed, and never
// comes back out: no state, message, echo or log here carries more than its last four characters.

const OWNERS_ONLY = "Only owners can change the team's Vimmerse key.";

export const saveTeamKeyAction = teamAction(
  { min: "owner", schema: teamKeySchema, roleError: OWNERS_ONLY },
  async (ctx, { apiKey }): Promise<FormState> => {
    const r = await saveTeamKey(getDb(), ctx.team.id, ctx.user.id, apiKey, checkKeyWithUpstream);
    if (r.ok) return { ok: true, message: `Saved. This team now uses its own key ending in ${r.last4}.` };
    if (r.reason === "refused")
      return { fieldErrors: { apiKey: ["Vimmerse did not accept this key. Nothing was saved."] } };
    return { error: "Could not check the key with Vimmerse right now. Nothing was saved; try again in a minute." };
  },
);

export const removeTeamKeyAction = teamAction(
  { min: "owner", schema: z.object({}), roleError: OWNERS_ONLY },
  async (ctx): Promise<FormState> => {
    const removed = await removeTeamKey(getDb(), ctx.team.id);
    return removed
      ? { ok: true, message: "Removed. This team's videos use the studio's Vimmerse account again." }
      : { ok: true, message: "This team has no key of its own." };
  },
);
