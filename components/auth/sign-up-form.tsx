"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { FormState } from "@/lib/form-state";
import { urls } from "@/lib/urls";

export function SignUpForm({ callbackUrl, email }: { callbackUrl?: string; email?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, {});
  const signInHref = urls.signIn(callbackUrl);
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Create your account
        </CardTitle>
        <CardDescription>You get a team of your own; invite your colleagues when you are ready.</CardDescription>
      </CardHeader>
      <CardContent>
        <form action={action} className="grid gap-4" noValidate>
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
          <TextField
            name="name"
            label="Name"
            autoComplete="name"
            required
            defaultValue={state.values?.name}
            errors={state.fieldErrors?.name}
          />
          <TextField
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            required
            defaultValue={state.values?.email ?? email}
            errors={state.fieldErrors?.email}
          />
          <TextField
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters, with letters and numbers or symbols."
            errors={state.fieldErrors?.password}
          />
          <FormMessage kind="error" message={state.error} />
          {state.ok && <FormMessage kind="success" message={state.message} />}
          <Button type="submit" disabled={pending}>
            {pending ? "Creating account…" : "Create account"}
          </Button>
        </form>
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        Already have an account?&nbsp;
        <Link href={signInHref} className="font-medium text-foreground underline-offset-4 hover:underline">
          Sign in
        </Link>
      </CardFooter>
    </Card>
  );
}
