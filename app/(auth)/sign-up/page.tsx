import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { callbackUrlParam } from "@/lib/auth/schemas";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const params = await searchParams;
  // Sanitised here too: it goes into a hidden input and, for a signed-in visitor, a Location header.
  const callbackUrl = callbackUrlParam(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl ?? "/app");
  const email = typeof params.email === "string" ? params.email : undefined;
  return <SignUpForm callbackUrl={callbackUrl} email={email} />;
}
