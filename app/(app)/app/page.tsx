import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/brand/logo";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listTeamsForUser } from "@/db/queries/teams";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { urls } from "@/lib/urls";

type Props = { searchParams: Promise<{ deleted?: string | string[] }> };

/**
 * The way in after sign-in: the team used last (if still a member), else the first one. Right
 * after deleting a team, it says so first (the team named is only echoed back as text).
 */
export default async function AppEntry({ searchParams }: Props) {
  const user = await requireUser("/app");
  const teams = await listTeamsForUser(getDb(), user.id);
  const { deleted } = await searchParams;
  if (typeof deleted === "string" && deleted.trim()) {
    const next = teams[0];
    return (
      <div className="flex min-h-dvh flex-col items-center justify-center gap-8 bg-muted/40 px-4 py-10">
        <Logo href="/app" />
        <Card className="w-full max-w-md" data-testid="team-deleted-notice">
          <CardHeader>
            <CardTitle role="heading" aria-level={1} className="text-xl">
              {deleted.slice(0, 60)} was deleted
            </CardTitle>
            <CardDescription>
              No one can open it any more. Its videos and files are being removed in the background; the videos stay in
              the Vimmerse account.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-2">
            {next ? (
              <Button asChild>
                <Link href={urls.team(next.slug)}>Go to {next.name}</Link>
              </Button>
            ) : null}
            <Button asChild variant={next ? "outline" : "default"}>
              <Link href="/teams/new">Create a team</Link>
            </Button>
          </CardContent>
        </Card>
      </div>
    );
  }
  const last = (await cookies()).get("last_team")?.value;
  const team = teams.find((t) => t.slug === last) ?? teams[0];
  redirect(team ? urls.team(team.slug) : "/teams/new");
}
