import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { urls } from "@/lib/urls";

/** In place of the sign-up form when this Studio takes newcomers only through an invitation. */
export function InviteOnly({ reason, callbackUrl }: { reason: string; callbackUrl?: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Invitation only
        </CardTitle>
        <CardDescription role="alert">{reason}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <p className="text-sm text-muted-foreground">Already have an account?</p>
        <Button asChild>
          <Link href={urls.signIn(callbackUrl)}>Sign in</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
