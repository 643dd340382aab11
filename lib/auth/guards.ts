import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { User } from "@/db/queries/users";
import type { TeamRole } from "@/db/schema";
import { echo, type FormState, fieldErrorsOf } from "@/lib/form-state";
import { refuseCrossOrigin } from "@/lib/http/origin";
import { urls } from "@/lib/urls";
import { AccessDenied, authorizeTeam, currentUser, type TeamContext } from "./session";

export { NO_TEAM } from "./session";

// The two doors every team-scoped server action and route handler goes through: the team in
// the request is read from the database with the member's role, checked against the least role
// the step needs, and only then is the step run. Written here once, so no handler can forget it
// and every refusal reads the same. (A library such as next-safe-action would add its own result
// shape to every form; these forms already speak FormState, and the door is a few lines.)

type ActionOptions<S extends z.ZodType> = {
  /** The least role that may take the step. */
  min: TeamRole;
  /** Checks the form's text fields; a refusal comes back as field errors, nothing is run. */
  schema: S;
  /** What a member whose role is below `min` is told (a generic sentence otherwise). */
  roleError?: string;
  /** Fields echoed back when the step refuses, so the form keeps what was typed (never passwords). */
  echo?: string[];
};

/**
 * A server action for a `useActionState` form with a hidden `team` field. Everything that
 * refuses (no such team, not a member, too small a role, bad input) comes back as form state.
 */
export function teamAction<S extends z.ZodType, R extends FormState>(
  opts: ActionOptions<S>,
  step: (ctx: TeamContext, input: z.output<S>, formData: FormData) => Promise<R>,
): (prev: R, formData: FormData) => Promise<R> {
  // A refusal carries only FormState's fields; every R here adds optional fields alone.
  const refuse = (state: FormState) => state as R;
  return async (_prev, formData) => {
    let ctx: TeamContext;
    try {
      ctx = await authorizeTeam(formData.get("team"), opts.min);
    } catch (err) {
      if (err instanceof AccessDenied)
        return refuse({ error: (err.reason === "role" && opts.roleError) || err.message });
      throw err;
    }
    const values = opts.echo ? echo(formData, ...opts.echo) : undefined;
    const text = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
    const parsed = opts.schema.safeParse(text);
    if (!parsed.success) return refuse({ fieldErrors: fieldErrorsOf(parsed.error), ...(values ? { values } : {}) });
    const result = await step(ctx, parsed.data, formData);
    revalidatePath(urls.team(ctx.team.slug), "layout");
    return result.ok || !values ? result : { ...result, values };
  };
}

export const SIGNED_OUT = "Your session has ended. Sign in again.";

/** A server action for a signed-in user outside any team (create a team, accept an invitation). */
export function userAction<S extends z.ZodType, R extends FormState>(
  opts: Omit<ActionOptions<S>, "min" | "roleError"> & { signedOut?: string },
  step: (user: User, input: z.output<S>, formData: FormData) => Promise<R>,
): (prev: R, formData: FormData) => Promise<R> {
  return async (_prev, formData) => {
    const user = await currentUser();
    if (!user) return { error: opts.signedOut ?? SIGNED_OUT } as R;
    const values = opts.echo ? echo(formData, ...opts.echo) : undefined;
    const parsed = opts.schema.safeParse(Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")));
    if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), ...(values ? { values } : {}) } as R;
    return step(user, parsed.data, formData);
  };
}

type RouteContext<P> = { params: Promise<P> };

const notFound = () => Response.json({ error: "Not found" }, { status: 404, headers: { "cache-control": "no-store" } });

/**
 * A route handler under /api/t/<team>/…: members with at least `min` get the handler; anyone
 * else gets the same 404 as for a team that does not exist (never a hint that it does). A
 * state-changing request sent by another site is refused first (lib/http/origin.ts).
 */
export function teamRoute<P extends { team: string }>(
  min: TeamRole,
  handler: (request: Request, ctx: TeamContext, params: P) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    const crossSite = refuseCrossOrigin(request);
    if (crossSite) return crossSite;
    const params = await context.params;
    let ctx: TeamContext;
    try {
      ctx = await authorizeTeam(params.team, min);
    } catch (err) {
      if (err instanceof AccessDenied) return notFound();
      throw err;
    }
    return handler(request, ctx, params);
  };
}

/** The answer for a thing the team does not have, the same everywhere. */
export { notFound as notFoundResponse };
