"use server";

import { z } from "zod";
import { teamAction } from "@/lib/auth/guards";
import { mediaDeps } from "@/lib/media/app-deps";
import { editDetailsAs } from "@/lib/media/details";
import { processAgainAs, resubmitAs } from "@/lib/media/regenerate";

// The detail page's server actions; the lib functions check their own input with zod, so the
// door only needs the form's text fields.

const fields = z.record(z.string(), z.string());
const who = (ctx: { team: { id: string }; user: { id: string } }) => ({ teamId: ctx.team.id, userId: ctx.user.id });

export const editDetailsAction = teamAction(
  { min: "member", schema: fields, echo: ["title", "description", "rating", "visibility"] },
  async (ctx, input) => editDetailsAs(mediaDeps(), who(ctx), input),
);

export const resubmitAction = teamAction(
  {
    min: "member",
    schema: fields,
    echo: ["motionType", "prompt", "quantity", "duration", "loop", "aspectRatio", "soundEffects"],
  },
  async (ctx, input) => resubmitAs(mediaDeps(), who(ctx), input),
);

export const processAgainAction = teamAction({ min: "member", schema: fields }, async (ctx, input) =>
  processAgainAs(mediaDeps(), who(ctx), input),
);
