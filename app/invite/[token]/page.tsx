import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { AcceptInvitationForm } from "@/components/teams/accept-invitation-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { findInvitationByToken } from "@/db/queries/invitations";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { urls } from "@/lib/urls";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const [found, user] = await Promise.all([findInvitationByToken(getDb(), token), currentUser()]);
  const inv = found?.invitation;
  const problem =
    !inv || inv.revokedAt
      ? "This invitation link is not valid. Ask the person who invited you for a new one."
      : inv.acceptedAt && inv.acceptedBy !== user?.id
        ? "This invitation has already been used."
        : inv.expiresAt <= new Date()
          ? "This invitation has expired. Ask the person who invited you for a new one."
          : null;
  const here = urls.invite(token);
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-8 bg-muted/40 px-4 py-10">
      <Logo />
      <Card className="w-full max-w-sm">
        {problem || !found ? (
          <CardHeader>
            <CardTitle role="heading" aria-level={1} className="text-xl">
              Invitation unavailable
            </CardTitle>
            <CardDescription role="alert">{problem}</CardDescription>
          </CardHeader>
        ) : (
          <>
            <CardHeader>
              <CardTitle role="heading" aria-level={1} className="text-xl">
                Join {found.teamName}
              </CardTitle>
              <CardDescription>
                {found.inviterName ?? "A teammate"} invited{" "}
                <span className="font-medium text-foreground">{found.invitation.email}</span> to join as{" "}
                {found.invitation.role === "admin" ? "an" : "a"} {found.invitation.role}.
              </CardDescription>
            </CardHeader>
            <CardContent>
              {user ? (
                <AcceptInvitationForm token={token} signedInAs={user.email ?? ""} />
              ) : (
                <div className="grid gap-2">
                  <Button asChild>
                    <Link href={urls.signUp(here, found.invitation.email)}>Create an account to join</Link>
                  </Button>
                  <Button asChild variant="outline">
                    <Link href={urls.signIn(here)}>I already have an account</Link>
                  </Button>
                </div>
              )}
            </CardContent>
          </>
        )}
        <CardFooter className="justify-center text-sm text-muted-foreground">
          <Link href={user ? "/app" : "/"} className="underline-offset-4 hover:underline">
            {user ? "Go to my studio" : "What is Vimmerse Studio?"}
          </Link>
        </CardFooter>
      </Card>
    </div>
  );
}
