import { and, asc, count, eq, getTableColumns, gte, ilike, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { creditLedger, media, SLOT_STATUSES } from "../media-schema";
import { memberships, type TeamRole, teams, teamVimmerseKeys, users } from "../schema";

// The operator's view of every team: one page of teams, then their members, this month's ledger
// and their renders in one set-based query each (never one query per team). Only operators reach
// these (lib/admin/operators.ts): unlike every other team query they are not scoped to one team.

export type AdminPerson = { name: string | null; email: string | null; role: TeamRole };

export type AdminTeamRow = {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  monthlyCreditBudget: number | null;
  /** The team calls Vimmerse with its own key (and pays Vimmerse itself). */
  ownKey: boolean;
  suspendedAt: Date | null;
  memberCount: number;
  /** The first `memberSample` members, owners first. */
  members: AdminPerson[];
  /** Every owner, however many members come before them by email. */
  owners: AdminPerson[];
  /** Credits settled and still reserved since `since`, refunds left out. */
  settled: number;
  reserved: number;
  /** Renders in flight upstream (queued, processing, or a paid call out whose answer is unknown). */
  active: number;
  /** Renders recorded and paid for, held back for a free slot. */
  waiting: number;
};

export type AdminTeamsQuery = {
  /** Matched against name and slug, case-insensitive, as plain text (no wildcards). */
  search?: string;
  limit: number;
  offset: number;
  /** The start of the month whose spend is summed. */
  since: Date;
  /** How many members to name per team. */
  memberSample: number;
};

const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function adminTeamsPage(
  db: DbOrTx,
  q: AdminTeamsQuery,
): Promise<{ total: number; teams: AdminTeamRow[] }> {
  const search = q.search?.trim();
  // A team being deleted is already gone for the operator too (the purge finishes it).
  const where = and(
    isNull(teams.deletingAt),
    search ? or(ilike(teams.name, likeText(search)), ilike(teams.slug, likeText(search))) : undefined,
  );
  const [page, [totalRow]] = await Promise.all([
    db
      .select({
        ...getTableColumns(teams),
        ownKey: sql<boolean>`exists (select 1 from ${teamVimmerseKeys} k where k.team_id = ${teams.id})`,
      })
      .from(teams)
      .where(where)
      // The slug is unique: a stable order for offsets.
      .orderBy(asc(sql`lower(${teams.name})`), asc(teams.slug))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(teams).where(where),
  ]);
  const ids = page.map((t) => t.id);
  if (ids.length === 0) return { total: Number(totalRow?.n ?? 0), teams: [] };

  const [people, spend, renders] = await Promise.all([
    peopleOf(db, ids, q.memberSample),
    spendOf(db, ids, q.since),
    rendersOf(db, ids),
  ]);
  const peopleBy = new Map<string, typeof people>();
  for (const p of people) {
    const list = peopleBy.get(p.teamId);
    if (list) list.push(p);
    else peopleBy.set(p.teamId, [p]);
  }
  const spendBy = new Map(spend.map((s) => [s.teamId, s]));
  const rendersBy = new Map(renders.map((r) => [r.teamId, r]));
  return {
    total: Number(totalRow?.n ?? 0),
    teams: page.map((t) => {
      const mine = peopleBy.get(t.id) ?? [];
      const s = spendBy.get(t.id);
      const r = rendersBy.get(t.id);
      const person = (p: (typeof mine)[number]): AdminPerson => ({ name: p.name, email: p.email, role: p.role });
      return {
        id: t.id,
        name: t.name,
        slug: t.slug,
        createdAt: t.createdAt,
        monthlyCreditBudget: t.monthlyCreditBudget,
        ownKey: t.ownKey,
        suspendedAt: t.suspendedAt,
        memberCount: Number(mine[0]?.total ?? 0),
        members: mine.filter((p) => Number(p.rank) <= q.memberSample).map(person),
        owners: mine.filter((p) => p.role === "owner").map(person),
        settled: Number(s?.settled ?? 0),
        reserved: Number(s?.reserved ?? 0),
        active: Number(r?.active ?? 0),
        waiting: Number(r?.waiting ?? 0),
      };
    }),
  };
}

/** The first `sample` members of each team (the enum orders owners first) and every owner, with each team's count. */
async function peopleOf(db: DbOrTx, teamIds: string[], sample: number) {
  const ranked = db.$with("ranked").as(
    db
      .select({
        teamId: memberships.teamId,
        role: memberships.role,
        name: users.name,
        email: users.email,
        rank: sql<number>`row_number() over (partition by ${memberships.teamId} order by ${memberships.role}, ${users.email})`.as(
          "rank",
        ),
        total: sql<number>`count(*) over (partition by ${memberships.teamId})`.as("total"),
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(inArray(memberships.teamId, teamIds)),
  );
  return db
    .with(ranked)
    .select()
    .from(ranked)
    .where(or(lte(ranked.rank, sample), eq(ranked.role, "owner")))
    .orderBy(ranked.teamId, ranked.rank);
}

async function spendOf(db: DbOrTx, teamIds: string[], since: Date) {
  return db
    .select({
      teamId: creditLedger.teamId,
      settled: sql<number>`coalesce(sum(${creditLedger.credits}) filter (where ${creditLedger.state} = 'settled'), 0)::int`,
      reserved: sql<number>`coalesce(sum(${creditLedger.credits}) filter (where ${creditLedger.state} = 'reserved'), 0)::int`,
    })
    .from(creditLedger)
    .where(
      and(
        inArray(creditLedger.teamId, teamIds),
        gte(creditLedger.createdAt, since),
        ne(creditLedger.state, "refunded"),
      ),
    )
    .groupBy(creditLedger.teamId);
}

async function rendersOf(db: DbOrTx, teamIds: string[]) {
  return db
    .select({
      teamId: media.teamId,
      active: sql<number>`(count(*) filter (where ${inArray(media.status, [...SLOT_STATUSES])}))::int`,
      waiting: sql<number>`(count(*) filter (where ${media.status} = 'waiting'))::int`,
    })
    .from(media)
    .where(and(inArray(media.teamId, teamIds), inArray(media.status, [...SLOT_STATUSES, "waiting"])))
    .groupBy(media.teamId);
}

/**
 * Suspends (keeping the first suspension's time if it is suspended already) or resumes a team.
 * The update takes the team row's lock, so it waits for a reservation in progress and every later
 * one sees it (lib/billing/ledger.ts). False: no such team.
 */
export async function setTeamSuspended(db: DbOrTx, teamId: string, suspended: boolean): Promise<boolean> {
  const rows = await db
    .update(teams)
    .set({ suspendedAt: suspended ? sql`coalesce(${teams.suspendedAt}, now())` : null, updatedAt: new Date() })
    .where(eq(teams.id, teamId))
    .returning({ id: teams.id });
  return rows.length > 0;
}

/** The team's own monthly budget; null: the default (TEAM_MONTHLY_CREDITS). False: no such team. */
export async function setTeamBudget(db: DbOrTx, teamId: string, credits: number | null): Promise<boolean> {
  const rows = await db
    .update(teams)
    .set({ monthlyCreditBudget: credits, updatedAt: new Date() })
    .where(eq(teams.id, teamId))
    .returning({ id: teams.id });
  return rows.length > 0;
}
