"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { AccessDenied, authorizeTeam, type TeamContext } from "@/lib/auth/session";
import { echo, type FormState } from "@/lib/form-state";
import { getVimmerse } from "@/lib/upstream";
import { editDetailsAs, processAgainAs, resubmitAs, type Deps, type Who } from "./service";

// The detail page's server actions: authorize from the database, then run the step in
// service.ts; every refusal comes back as form state, never as an exception.

const NO_TEAM = "That team doesn't exist or you are not a member of it.";

async function step(
  formData: FormData,
  run: (deps: Deps, who: Who, input: Record<string, unknown>) => Promise<FormState>,
  ...echoKeys: string[]
): Promise<FormState> {
  let ctx: TeamContext;
  try {
    ctx = await authorizeTeam(formData.get("team"));
  } catch (err) {
    if (err instanceof AccessDenied) return { error: NO_TEAM };
    throw err;
  }
  const input: Record<string, unknown> = {};
  for (const [k, v] of formData) if (typeof v === "string") input[k] = v;
  const result = await run({ db: getDb(), client: getVimmerse() }, { teamId: ctx.team.id, userId: ctx.user.id }, input);
  if (result.ok) revalidatePath(`/t/${ctx.team.slug}`, "layout");
  return result.ok ? result : { ...result, values: echo(formData, ...echoKeys) };
}

export async function editDetailsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return step(formData, editDetailsAs, "title", "description", "rating", "visibility");
}

export async function resubmitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return step(formData, resubmitAs, "motionType", "prompt", "quantity", "duration", "loop", "aspectRatio", "soundEffects");
}

export async function processAgainAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return step(formData, processAgainAs);
}
