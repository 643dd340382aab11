import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { creditLedger, media } from "../media-schema";
import { users } from "../schema";

// A team's credit ledger over a span of time, read for the usage page and its CSV. Every query
// takes the team. Refunded entries are listed (the CSV, the media list) but never summed.

export type Span = { since: Date; until: Date };

const inSpan = (teamId: string, span: Span) =>
  and(eq(creditLedger.teamId, teamId), gte(creditLedger.createdAt, span.since), lt(creditLedger.createdAt, span.until));

const settled = sql<number>`coalesce(sum(${creditLedger.credits}) filter (where ${creditLedger.state} = 'settled'), 0)::int`;
const reserved = sql<number>`coalesce(sum(${creditLedger.credits}) filter (where ${creditLedger.state} = 'reserved'), 0)::int`;
const renders = sql<number>`(count(*) filter (where ${creditLedger.state} <> 'refunded'))::int`;

export type UsageSum = { settled: number; reserved: number; renders: number };

export type MemberUsage = UsageSum & { userId: string | null; name: string | null; email: string | null };

/** Credits per member (a removed user's entries are one row with userId null), most first. */
export async function usageByMember(db: DbOrTx, teamId: string, span: Span): Promise<MemberUsage[]> {
  const rows = await db
    .select({ userId: creditLedger.userId, name: users.name, email: users.email, settled, reserved, renders })
    .from(creditLedger)
    .leftJoin(users, eq(users.id, creditLedger.userId))
    .where(inSpan(teamId, span))
    .groupBy(creditLedger.userId, users.name, users.email);
  return rows.map(numbers).sort(byTotal);
}

export type MotionUsage = UsageSum & { motionType: string };

/** Credits per motion type, most first. */
export async function usageByMotion(db: DbOrTx, teamId: string, span: Span): Promise<MotionUsage[]> {
  const rows = await db
    .select({ motionType: creditLedger.motionType, settled, reserved, renders })
    .from(creditLedger)
    .where(inSpan(teamId, span))
    .groupBy(creditLedger.motionType);
  return rows.map(numbers).sort(byTotal);
}

export type DayUsage = UsageSum & { day: string };

/** Credits per UTC day ("2026-12-01"), only the days with entries, in order. */
export async function usageByDay(db: DbOrTx, teamId: string, span: Span): Promise<DayUsage[]> {
  const day = sql<string>`to_char(${creditLedger.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, settled, reserved, renders })
    .from(creditLedger)
    .where(inSpan(teamId, span))
    .groupBy(day)
    .orderBy(day);
  return rows.map(numbers);
}

export type UsageEntry = {
  id: string;
  createdAt: Date;
  mediaId: string | null;
  title: string | null;
  motionType: string;
  kind: "create" | "resubmit" | "process";
  credits: number;
  state: "reserved" | "settled" | "refunded";
  userId: string | null;
  name: string | null;
  email: string | null;
};

/** Every ledger entry in the span, newest first (at most `limit` when given). */
export async function usageEntries(db: DbOrTx, teamId: string, span: Span, limit?: number): Promise<UsageEntry[]> {
  const q = db
    .select({
      id: creditLedger.id,
      createdAt: creditLedger.createdAt,
      mediaId: creditLedger.mediaId,
      title: media.title,
      motionType: creditLedger.motionType,
      kind: creditLedger.kind,
      credits: creditLedger.credits,
      state: creditLedger.state,
      userId: creditLedger.userId,
      name: users.name,
      email: users.email,
    })
    .from(creditLedger)
    // The media's team is checked too: an entry can only name a media of its own team.
    .leftJoin(media, and(eq(media.id, creditLedger.mediaId), eq(media.teamId, creditLedger.teamId)))
    .leftJoin(users, eq(users.id, creditLedger.userId))
    .where(inSpan(teamId, span))
    .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id));
  return limit === undefined ? q : q.limit(limit);
}

/** How many ledger entries the span holds (refunded ones included). */
export async function countUsageEntries(db: DbOrTx, teamId: string, span: Span): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(creditLedger).where(inSpan(teamId, span));
  return Number(row?.n ?? 0);
}

function numbers<T extends UsageSum>(r: T): T {
  return { ...r, settled: Number(r.settled), reserved: Number(r.reserved), renders: Number(r.renders) };
}

const byTotal = (a: UsageSum, b: UsageSum) => b.settled + b.reserved - (a.settled + a.reserved);
