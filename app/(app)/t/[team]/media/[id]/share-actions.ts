"use server";

import { z } from "zod";
import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createShareLinkAs, revokeShareLinkAs } from "@/lib/share/manage";

// The share dialog's actions. Members and up share; viewers watch only. The lib functions parse
// their own input with zod (lib/share/schemas.ts), so the door passes the form's text fields.

const fields = z.record(z.string(), z.string());
const deps = () => ({ db: getDb(), appUrl: env().APP_URL });
const who = (ctx: { team: { id: string }; user: { id: string } }) => ({ teamId: ctx.team.id, userId: ctx.user.id });
const roleError = "Viewers can watch this team's videos but not share them.";

export const createShareLinkAction = teamAction(
  { min: "member", schema: fields, roleError, echo: ["expiry", "expiresOn", "allowDownload"] },
  async (ctx, input) => createShareLinkAs(deps(), who(ctx), input),
);

export const revokeShareLinkAction = teamAction({ min: "member", schema: fields, roleError }, async (ctx, input) =>
  revokeShareLinkAs(deps(), who(ctx), input),
);
