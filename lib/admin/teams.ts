import "server-only";
import type { DbOrTx } from "@/db/client";
import { isUuid } from "@/db/ids";
import { type AdminPerson, adminTeamsPage, setTeamBudget, setTeamSuspended } from "@/db/queries/admin";
import { budgetOf } from "@/lib/billing/budget";
import { monthStart } from "@/lib/billing/month";
import { env } from "@/lib/env";
import { ADMIN_PAGE_SIZE, type AdminSearch, adminHref } from "./schemas";

// The /admin page's model: one page of every team with this month's spend against its budget,
// and the operator's two changes. Budgets are read as the ledger reads them (lib/billing/budget.ts).

/** How many members a row names; the rest are a count. */
const MEMBER_SAMPLE = 3;

export type AdminTeam = {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  suspendedAt: Date | null;
  memberCount: number;
  members: AdminPerson[];
  owners: AdminPerson[];
  /** Settled this month (UTC), and still held for calls not yet settled. */
  spent: number;
  reserved: number;
  /** The budget in force (its own, else the default); null: unlimited. */
  budget: number | null;
  /** The team's own budget, set by an operator; null: the default applies. */
  ownBudget: number | null;
  /** It calls Vimmerse with its own key: the default budget does not apply to it. */
  ownKey: boolean;
  active: number;
  waiting: number;
};

export type AdminTeams = {
  teams: AdminTeam[];
  total: number;
  search: AdminSearch;
  pages: number;
  /** TEAM_MONTHLY_CREDITS; null: unlimited. */
  defaultBudget: number | null;
  month: string;
  prevHref: string | null;
  nextHref: string | null;
};

export async function loadAdminTeams(db: DbOrTx, search: AdminSearch, now = new Date()): Promise<AdminTeams> {
  const { total, teams } = await adminTeamsPage(db, {
    search: search.q,
    limit: ADMIN_PAGE_SIZE,
    offset: (search.page - 1) * ADMIN_PAGE_SIZE,
    since: monthStart(now),
    memberSample: MEMBER_SAMPLE,
  });
  const pages = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  return {
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      slug: t.slug,
      createdAt: t.createdAt,
      suspendedAt: t.suspendedAt,
      memberCount: t.memberCount,
      members: t.members,
      owners: t.owners,
      spent: t.settled,
      reserved: t.reserved,
      budget: budgetOf(t),
      ownBudget: t.monthlyCreditBudget,
      ownKey: t.ownKey,
      active: t.active,
      waiting: t.waiting,
    })),
    total,
    search,
    pages,
    defaultBudget: env().TEAM_MONTHLY_CREDITS ?? null,
    month: new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(now),
    prevHref: search.page > 1 ? adminHref({ q: search.q, page: Math.min(search.page - 1, pages) }) : null,
    nextHref: search.page < pages ? adminHref({ q: search.q, page: search.page + 1 }) : null,
  };
}

/** Suspend or resume; false for a team that does not exist (or an id that cannot name one). */
export const changeSuspension = (db: DbOrTx, teamId: string, suspended: boolean) =>
  isUuid(teamId) ? setTeamSuspended(db, teamId, suspended) : Promise.resolve(false);

/** The team's own budget; null goes back to the default. False for a team that does not exist. */
export const changeBudget = (db: DbOrTx, teamId: string, credits: number | null) =>
  isUuid(teamId) ? setTeamBudget(db, teamId, credits) : Promise.resolve(false);
