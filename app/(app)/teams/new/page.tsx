import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { CreateTeamForm } from "@/components/teams/create-team-form";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create a team" };

export default async function NewTeamPage() {
  await requireUser("/teams/new");
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-8 bg-muted/40 px-4 py-10">
      <Logo href="/app" />
      <div className="w-full max-w-sm">
        <CreateTeamForm />
        <p className="mt-4 text-center text-sm text-muted-foreground">
          <Link href="/app" className="underline-offset-4 hover:underline">
            Back to my team
          </Link>
        </p>
      </div>
    </div>
  );
}
