"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { teamAction } from "@/lib/auth/guards";
import { wakeBackground } from "@/lib/background-wake";
import { getDb } from "@/lib/db";
import type { FormState } from "@/lib/form-state";
import { getStorage } from "@/lib/storage";
import { deleteTeamAs, deleteTeamSchema, OWNERS_ONLY, purgeDeletingTeams } from "@/lib/teams/team-deletion";

// Owners only, at the door and again in deleteTeamAs; the team goes for everyone at once and the
// owner lands on /app, which says so. The purge starts right after the answer (one bounded call:
// a small team is gone at once) and the background pass or Cron finishes a big one.
export const deleteTeamAction = teamAction(
  { min: "owner", schema: deleteTeamSchema, roleError: OWNERS_ONLY, echo: ["confirmName"] },
  async (ctx, input): Promise<FormState> => {
    const r = await deleteTeamAs(getDb(), ctx.actor, input);
    if (!r.ok) return { error: r.error, fieldErrors: r.fieldErrors };
    after(() =>
      purgeDeletingTeams({ db: getDb(), storage: getStorage() })
        .then((report) => report.more && wakeBackground())
        .catch((err: unknown) => console.error("[team-deletion] purge:", err instanceof Error ? err.message : err)),
    );
    redirect(`/app?deleted=${encodeURIComponent(r.teamName)}`);
  },
);
