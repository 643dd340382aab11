"use client";

import Link from "next/link";
import { useActionState } from "react";
import { emailLinkAction, oauthSignInAction, signInAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { Separator } from "@/components/ui/separator";
import { TextField } from "@/components/ui/text-field";
import type { FormState } from "@/lib/form-state";
import { urls } from "@/lib/urls";

type Props = { callbackUrl?: string; providers: { github: boolean; google: boolean; email: boolean }; notice?: string };

export function SignInForm({ callbackUrl, providers, notice }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  const [linkState, linkAction, linkPending] = useActionState<FormState, FormData>(emailLinkAction, {});
  const signUpHref = urls.signUp(callbackUrl);
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Sign in
        </CardTitle>
        <CardDescription>Welcome back. Sign in to your team&apos;s studio.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {notice && <FormMessage kind="success" message={notice} />}
        <form action={action} className="grid gap-4" noValidate>
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
          <TextField
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            required
            defaultValue={state.values?.email}
            errors={state.fieldErrors?.email}
          />
          <TextField
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            errors={state.fieldErrors?.password}
          />
          <FormMessage kind="error" message={state.error} />
          <Button type="submit" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
        {(providers.github || providers.google || providers.email) && <Separator />}
        {(providers.github || providers.google) && (
          <form action={oauthSignInAction} className="grid gap-2">
            <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
            {providers.github && (
              <Button variant="outline" name="provider" value="github">
                Continue with GitHub
              </Button>
            )}
            {providers.google && (
              <Button variant="outline" name="provider" value="google">
                Continue with Google
              </Button>
            )}
          </form>
        )}
        {providers.email && (
          <form action={linkAction} className="grid gap-2" noValidate>
            <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
            <TextField
              name="email"
              label="Or get a sign-in link by email"
              type="email"
              autoComplete="email"
              errors={linkState.fieldErrors?.email}
            />
            <Button variant="secondary" type="submit" disabled={linkPending}>
              Email me a link
            </Button>
          </form>
        )}
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        New here?&nbsp;
        <Link href={signUpHref} className="font-medium text-foreground underline-offset-4 hover:underline">
          Create an account
        </Link>
      </CardFooter>
    </Card>
  );
}
