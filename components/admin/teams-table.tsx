import { BudgetForm, SuspendToggle } from "@/components/admin/team-actions";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminPerson } from "@/db/queries/admin";
import type { AdminTeam } from "@/lib/admin/teams";
import { formatCount } from "@/lib/format";

/** Every team on the page with its people, this month's spend, renders and the operator's controls. */
export function TeamsTable({ teams, defaultBudget }: { teams: AdminTeam[]; defaultBudget: number | null }) {
  const fallback = defaultBudget === null ? "Unlimited" : `Default ${formatCount(defaultBudget)}`;
  return (
    <Table data-testid="admin-teams">
      <TableHeader>
        <TableRow className="text-xs text-muted-foreground hover:bg-transparent">
          <TableHead className="text-muted-foreground">Team</TableHead>
          <TableHead className="text-muted-foreground">People</TableHead>
          <TableHead className="text-right text-muted-foreground">This month</TableHead>
          <TableHead className="text-right text-muted-foreground">Renders</TableHead>
          <TableHead className="text-muted-foreground">Monthly budget</TableHead>
          <TableHead>
            <span className="sr-only">Suspend or resume</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {teams.map((t) => (
          <TableRow key={t.id} data-testid="admin-team" data-slug={t.slug} className="align-top">
            <TableCell className="max-w-64 align-top">
              <div className="flex items-center gap-2">
                <span className="truncate font-medium">{t.name}</span>
                {t.suspendedAt && <Badge variant="destructive">Suspended</Badge>}
              </div>
              <p className="truncate text-xs text-muted-foreground">/t/{t.slug}</p>
              <p className="text-xs text-muted-foreground">
                Created <LocalTime date={t.createdAt} />
              </p>
            </TableCell>
            <TableCell className="max-w-72 align-top">
              <People team={t} />
            </TableCell>
            <TableCell className="text-right align-top tabular-nums">
              <Spend team={t} />
            </TableCell>
            <TableCell className="text-right align-top tabular-nums">
              <p>
                <span className="font-medium">{formatCount(t.active)}</span>{" "}
                <span className="text-muted-foreground">active</span>
              </p>
              <p className={t.waiting > 0 ? "" : "text-muted-foreground"}>
                {formatCount(t.waiting)} <span className="text-muted-foreground">waiting</span>
              </p>
            </TableCell>
            <TableCell className="align-top">
              <BudgetForm team={t} own={t.ownBudget} fallback={fallback} />
            </TableCell>
            <TableCell className="text-right align-top">
              <SuspendToggle team={t} suspended={Boolean(t.suspendedAt)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const who = (p: AdminPerson) => p.name || p.email || "Unnamed";

function People({ team: t }: { team: AdminTeam }) {
  // Owners by name and address; the others by name, the first few, then a count.
  const others = t.members.filter((m) => m.role !== "owner");
  const unnamed = t.memberCount - t.owners.length - others.length;
  return (
    <div className="grid gap-0.5 text-xs">
      {t.owners.map((o) => (
        <p key={o.email ?? who(o)} className="truncate">
          <span className="text-sm font-medium">{who(o)}</span>
          {o.name && o.email && <span className="text-muted-foreground"> · {o.email}</span>}
        </p>
      ))}
      <p className="truncate text-muted-foreground" title={others.map((m) => m.email ?? who(m)).join(", ")}>
        {t.memberCount} {t.memberCount === 1 ? "member" : "members"}
        {others.length > 0 && ` · also ${others.map(who).join(", ")}`}
        {unnamed > 0 && ` and ${unnamed} more`}
      </p>
    </div>
  );
}

function Spend({ team: t }: { team: AdminTeam }) {
  const counted = t.spent + t.reserved;
  const over = t.budget !== null && counted >= t.budget;
  return (
    <div className="grid gap-0.5">
      <p>
        <span className={over ? "font-medium text-destructive" : "font-medium"}>{formatCount(counted)}</span>
        <span className="text-muted-foreground"> / {t.budget === null ? "no limit" : formatCount(t.budget)}</span>
      </p>
      <p className="text-xs text-muted-foreground">
        {[
          t.reserved > 0 && `${formatCount(t.reserved)} held`,
          t.ownBudget !== null ? "own budget" : t.ownKey ? "own Vimmerse key" : "default budget",
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
    </div>
  );
}
