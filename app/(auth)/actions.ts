"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { CONFIRM_PROVIDER, signIn, signOut } from "@/lib/auth";
import { SignInThrottled } from "@/lib/auth/credentials";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { endAllSessions } from "@/lib/auth/server-sessions";
import { currentUser } from "@/lib/auth/session";
import { CHECK_EMAIL, notifyExistingOwner, signUp } from "@/lib/auth/sign-up";
import { invitationTokenIn, signupPolicy } from "@/lib/auth/signup-policy";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { echo, type FormState, fieldErrorsOf } from "@/lib/form-state";
import { clientId } from "@/lib/security/throttle";
import { urls } from "@/lib/urls";

const WRONG = "Wrong email or password.";

/** Signs in with a password; the refusal's words when it fails, nothing when it worked. */
async function passwordSignIn(email: string, password: string): Promise<string | null> {
  try {
    await signIn("credentials", { email, password, redirect: false });
    return null;
  } catch (err) {
    if (err instanceof SignInThrottled) return err.refusal.message;
    if (err instanceof AuthError) return WRONG;
    throw err;
  }
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = echo(formData, "name", "email");
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const e = env();
  const db = getDb();
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"), "");
  const outcome = await signUp(
    {
      db,
      client: clientId(await headers()),
      policy: signupPolicy(e),
      emailEnabled: Boolean(e.EMAIL_SERVER),
      sendConfirmLink: async (email) => {
        try {
          await signIn(CONFIRM_PROVIDER, { email, redirect: false, redirectTo: callbackUrl || "/app" });
        } catch (err) {
          // A throttled link answers like any other sign-up: the answer must not differ.
          if (!(err instanceof SignInThrottled)) throw err;
        }
      },
      notifyOwner: async (email) => void (await notifyExistingOwner(db, email, e.APP_URL)),
    },
    // The invitation rides in the callbackUrl (the invite page's "Create an account to join").
    { ...parsed.data, invitation: invitationTokenIn(callbackUrl) },
  );
  if (outcome.kind === "refused") return { error: outcome.message, values };
  if (outcome.kind === "check-email") return { ok: true, message: CHECK_EMAIL };
  const refused = await passwordSignIn(parsed.data.email, parsed.data.password);
  if (refused) return { error: refused, values };
  redirect(callbackUrl || (outcome.kind === "created" ? urls.team(outcome.teamSlug) : "/app"));
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = echo(formData, "email");
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const refused = await passwordSignIn(parsed.data.email, parsed.data.password);
  if (refused) return { error: refused, values };
  redirect(safeCallbackUrl(formData.get("callbackUrl")));
}

export async function oauthSignInAction(formData: FormData): Promise<void> {
  const provider = formData.get("provider");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
}

export async function emailLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const email = signInSchema.shape.email.safeParse(formData.get("email"));
  if (!email.success) return { fieldErrors: { email: email.error.issues.map((i) => i.message) } };
  try {
    await signIn("nodemailer", { email: email.data, redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
  } catch (err) {
    // Counted per address and per client before anything is sent (lib/auth/magic-link.ts).
    if (err instanceof SignInThrottled) return { fieldErrors: { email: [err.refusal.message] } };
    throw err;
  }
  return { ok: true };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

/** Ends every session of the signed-in user, this browser's included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endAllSessions(getDb(), user.id);
  await signOut({ redirectTo: "/" });
}
