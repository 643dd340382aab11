"use server";

import { z } from "zod";
import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { addCommentAs, REVIEW_REFUSAL, setResolvedAs, setReviewAs } from "@/lib/review/comments";

// The Review card's server actions. lib/review checks each form with its own zod schema and
// the finer rights (a thread's author or an admin resolves), so the door checks team and role.

const fields = z.record(z.string(), z.string());

/** Comment or reply: viewers too, they watch the videos and say what they saw. */
export const addCommentAction = teamAction(
  { min: "viewer", schema: fields, echo: ["body", "timecode"] },
  async (ctx, input) => addCommentAs(getDb(), ctx.actor, input),
);

export const resolveCommentAction = teamAction({ min: "viewer", schema: fields }, async (ctx, input) =>
  setResolvedAs(getDb(), ctx.actor, input),
);

export const setReviewAction = teamAction(
  { min: "member", schema: fields, roleError: REVIEW_REFUSAL },
  async (ctx, input) => setReviewAs(getDb(), ctx.actor, input),
);
