import "server-only";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import type { User } from "@/db/queries/users";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { echo, type FormState, fieldErrorsOf } from "@/lib/form-state";
import { urls } from "@/lib/urls";
import { ADMIN_PATH, NOT_FOUND } from "./schemas";

// Operators are the signed-in users whose address is in ADMIN_EMAILS. The address is the user's
// in the database, read on every request (never the session's copy), so an address taken off the
// list loses /admin at its next click. Anyone else meets /admin as a page that does not exist.

/** Whether this address is an operator's (ADMIN_EMAILS is stored lower-cased; unset: nobody). */
export function isOperator(email: string | null | undefined, admins = env().ADMIN_EMAILS): boolean {
  return Boolean(email && admins?.includes(email.trim().toLowerCase()));
}

/** For pages: the operator, a redirect to sign-in, or the 404 everyone else gets. */
export async function requireOperatorPage(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(urls.signIn(ADMIN_PATH));
  if (!isOperator(user.email)) notFound();
  return user;
}

/** The signed-in operator, or null for anyone else (signed out included). */
export async function currentOperator(): Promise<User | null> {
  const user = await currentUser();
  return user && isOperator(user.email) ? user : null;
}

/**
 * A server action for a `useActionState` form in /admin. Anyone but an operator, signed out or
 * not, gets the answer an operator gets for a team that does not exist, and nothing is parsed or
 * run. Bad input comes back as field errors (with `echo`'s fields, so the form keeps what was typed).
 */
export function operatorAction<S extends z.ZodType, R extends FormState>(
  schema: S,
  step: (operator: User, input: z.output<S>) => Promise<R>,
  opts: { echo?: string[] } = {},
): (prev: R, formData: FormData) => Promise<R> {
  return async (_prev, formData) => {
    const operator = await currentOperator();
    if (!operator) return { error: NOT_FOUND } as R;
    const text = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
    const parsed = schema.safeParse(text);
    if (!parsed.success) {
      const values = opts.echo ? echo(formData, ...opts.echo) : undefined;
      return { fieldErrors: fieldErrorsOf(parsed.error), ...(values ? { values } : {}) } as R;
    }
    return step(operator, parsed.data);
  };
}
