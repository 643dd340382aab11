import { Users } from "lucide-react";
import type { Metadata } from "next";
import { AdminPager, AdminSearch } from "@/components/admin/admin-search";
import { TeamsTable } from "@/components/admin/teams-table";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOperatorPage } from "@/lib/admin/operators";
import { adminSearchSchema } from "@/lib/admin/schemas";
import { loadAdminTeams } from "@/lib/admin/teams";
import { getDb } from "@/lib/db";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  await requireOperatorPage();
  const search = adminSearchSchema.parse(await searchParams);
  const v = await loadAdminTeams(getDb(), search);

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
        <p className="text-sm text-muted-foreground">
          Every team, with what it spent in {v.month} (UTC, settled and held) against its budget.
        </p>
        <p className="text-sm" data-testid="default-budget">
          Default budget:{" "}
          <span className="font-medium">
            {v.defaultBudget === null ? "unlimited" : `${formatCount(v.defaultBudget)} credits a month`}
          </span>{" "}
          <span className="text-muted-foreground">
            (TEAM_MONTHLY_CREDITS{v.defaultBudget === null ? " is not set" : ""}; a team&apos;s own budget replaces it)
          </span>
        </p>
      </div>

      <AdminSearch q={v.search.q} />

      {v.teams.length === 0 ? (
        <EmptyState
          icon={Users}
          title={v.search.q ? "No team matches" : "No teams yet"}
          description={
            v.search.q ? `No team's name or slug contains “${v.search.q}”.` : "Teams appear here as people sign up."
          }
        />
      ) : (
        <Card className="py-2">
          <CardContent className="px-2 sm:px-4">
            <TeamsTable teams={v.teams} defaultBudget={v.defaultBudget} />
          </CardContent>
        </Card>
      )}

      <AdminPager page={v.search.page} pages={v.pages} total={v.total} prevHref={v.prevHref} nextHref={v.nextHref} />
    </div>
  );
}
