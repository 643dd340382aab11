"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { getDb } from "@/lib/db";
import { echo, type FormState, fieldErrorsOf } from "@/lib/form-state";
import { createUserWithPersonalTeam } from "@/lib/teams/create";
import { urls } from "@/lib/urls";

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = echo(formData, "name", "email");
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const made = await createUserWithPersonalTeam(getDb(), {
    name: parsed.data.name,
    email: parsed.data.email,
    passwordHash: await hashPassword(parsed.data.password),
  });
  if (!made) {
    return { fieldErrors: { email: ["An account with this email already exists. Sign in instead."] }, values };
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  redirect(safeCallbackUrl(formData.get("callbackUrl"), urls.team(made.teamSlug)));
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = echo(formData, "email");
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (err) {
    if (err instanceof AuthError) return { error: "Wrong email or password.", values };
    throw err;
  }
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
  await signIn("nodemailer", { email: email.data, redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
  return { ok: true };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
