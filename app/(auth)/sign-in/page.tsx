import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { FormMessage } from "@/components/ui/form-message";
import { enabledProviders } from "@/lib/auth";
import { callbackUrlParam } from "@/lib/auth/schemas";
import { currentUser } from "@/lib/auth/session";
import { refusal, SIGNUP_CLOSED, signupPolicy } from "@/lib/auth/signup-policy";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  // Sanitised here too: it goes into a hidden input and, for a signed-in visitor, a Location header.
  const callbackUrl = callbackUrlParam(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl ?? "/app");
  const notice = params["check-email"] ? "Check your inbox: we sent you a sign-in link." : undefined;
  const form = <SignInForm callbackUrl={callbackUrl} providers={enabledProviders()} notice={notice} />;
  // A GitHub, Google or email-link newcomer the sign-up policy turned away (lib/auth/signup-policy.ts).
  const policy = signupPolicy();
  if (params.signup !== SIGNUP_CLOSED || policy.mode === "open") return form;
  return (
    <div className="grid gap-4">
      <FormMessage kind="error" message={refusal(policy)} />
      {form}
    </div>
  );
}
