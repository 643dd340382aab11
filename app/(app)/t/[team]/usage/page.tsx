import { Download, Gauge } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Progress } from "@/components/ui/progress";
import { BreakdownTable } from "@/components/usage/breakdown-table";
import { EntriesTable } from "@/components/usage/entries-table";
import { UsageChart } from "@/components/usage/usage-chart";
import { requireTeamPage } from "@/lib/auth/session";
import { resetDay } from "@/lib/billing/month";
import { canSeeUsage, loadUsage } from "@/lib/billing/usage";
import { getDb } from "@/lib/db";
import { formatCount } from "@/lib/format";
import { urls } from "@/lib/urls";

export const metadata: Metadata = { title: "Usage" };

type Props = { params: Promise<{ team: string }> };

export default async function UsagePage({ params }: Props) {
  const { team: slug } = await params;
  const { team } = await requireTeamPage(slug);
  // Members and viewers get the same 404 as a stranger: the page does not exist for them.
  if (!canSeeUsage(team.role)) notFound();
  const u = await loadUsage(getDb(), team);
  const counted = u.spent + u.reserved;

  return (
    <div className="mx-auto grid max-w-5xl grid-cols-1 gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
          <p className="text-sm text-muted-foreground">
            Credits {team.name} spent in {u.month} (UTC). Costs are estimates; refunds are listed but not counted.
          </p>
        </div>
        <Button asChild variant="outline" size="sm">
          <a href={urls.usageCsv(team.slug)} download>
            <Download aria-hidden />
            Download CSV
          </a>
        </Button>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>This month</CardTitle>
          <CardDescription>The budget resets on {resetDay(u.resetsAt)} at 00:00 UTC.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Figure label="Spent" value={formatCount(u.spent)} testId="usage-spent" />
            <Figure label="Held" value={formatCount(u.reserved)} hint="awaiting Vimmerse" />
            <Figure label="Budget" value={u.budget === null ? "No limit" : formatCount(u.budget)} />
            <Figure label="Left" value={u.left === null ? "No limit" : formatCount(u.left)} />
          </dl>
          {u.budget !== null && (
            <div className="grid gap-1.5">
              <Progress value={Math.min(counted, u.budget)} max={Math.max(1, u.budget)} aria-label="Budget used" />
              <p className="text-xs text-muted-foreground">
                {formatCount(counted)} of {formatCount(u.budget)} credits used or held (
                {u.budget > 0 ? Math.round((counted / u.budget) * 100) : 100}%).
              </p>
            </div>
          )}
        </CardContent>
      </Card>

      {counted === 0 ? (
        <EmptyState
          icon={Gauge}
          title="No credits spent this month"
          description={`Renders the team makes in ${u.month} will show here, by day, by member and by motion type.`}
        />
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>By day</CardTitle>
              <CardDescription>Credits per day (UTC), settled and held.</CardDescription>
            </CardHeader>
            <CardContent>
              <UsageChart days={u.days} month={u.month} />
            </CardContent>
          </Card>
          <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>By member</CardTitle>
                <CardDescription>Who spent this month's credits.</CardDescription>
              </CardHeader>
              <CardContent>
                <BreakdownTable rows={u.byMember} label="Member" />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>By motion type</CardTitle>
                <CardDescription>What the credits were spent on.</CardDescription>
              </CardHeader>
              <CardContent>
                <BreakdownTable rows={u.byMotion} label="Motion type" />
              </CardContent>
            </Card>
          </div>
        </>
      )}

      {u.entries.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Every render</CardTitle>
            <CardDescription>
              {u.totalEntries > u.entries.length
                ? `The newest ${formatCount(u.entries.length)} of ${formatCount(u.totalEntries)} this month; the CSV has them all.`
                : "Everything charged this month, newest first."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <EntriesTable slug={team.slug} entries={u.entries} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tracking-tight tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-muted-foreground">{hint}</dd>}
    </div>
  );
}
