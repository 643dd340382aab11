import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { callbackUrlParam } from "@/lib/auth/schemas";
import { currentUser } from "@/lib/auth/session";
import { checkInvitation, INVITE_ONLY, invitationTokenIn, refusal, signupPolicy } from "@/lib/auth/signup-policy";
import { getDb } from "@/lib/db";
import { InviteOnly } from "./invite-only";

export const metadata: Metadata = { title: "Create account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const params = await searchParams;
  // Sanitised here too: it goes into a hidden input and, for a signed-in visitor, a Location header.
  const callbackUrl = callbackUrlParam(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl ?? "/app");
  const email = typeof params.email === "string" ? params.email : undefined;
  const policy = signupPolicy();
  const token = invitationTokenIn(callbackUrl);
  // What the page shows only: the action checks the invitation again against the address typed.
  const invited = token && policy.mode !== "open" ? await checkInvitation(getDb(), token) : undefined;
  if (policy.mode === "invite" && !invited?.ok)
    return <InviteOnly reason={invited?.message ?? INVITE_ONLY} callbackUrl={callbackUrl} />;
  const form = <SignUpForm callbackUrl={callbackUrl} email={email} />;
  if (policy.mode !== "domains" || invited?.ok) return form;
  return (
    <div className="grid gap-4">
      <p className="rounded-md border bg-card px-3 py-2 text-sm text-muted-foreground">{refusal(policy)}</p>
      {form}
    </div>
  );
}
