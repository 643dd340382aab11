import { and, asc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { creditLedger } from "../media-schema";
import { memberships, teams, teamVimmerseKeys } from "../schema";

// The credit ledger: one row per media generation (unique key). Every function takes the team.
// The rules (budgets, what may be reserved) are lib/billing's; the writes here are only
// conditional on the state the caller expects, so a replay changes nothing.

export type LedgerEntry = typeof creditLedger.$inferSelect;
export type LedgerKind = LedgerEntry["kind"];
export type NewEntry = {
  teamId: string;
  userId: string | null;
  mediaId: string;
  key: string;
  kind: LedgerKind;
  motionType: string;
  credits: number;
};

/**
 * The team's spending settings, its row locked (SELECT … FOR NO KEY UPDATE) until the transaction
 * ends: every reservation of the team goes through this lock, so two cannot both see the same room left.
 */
export async function lockTeamForSpend(tx: DbOrTx, teamId: string): Promise<SpendSettings | null> {
  const [row] = await tx
    .select(spendSettings)
    .from(teams)
    .where(eq(teams.id, teamId))
    // NO KEY UPDATE: serializes reservations of the team, yet does not wait on the key-share locks
    // that inserting rows referencing the team takes (a media in the same transaction, say).
    .for("no key update");
  return row ?? null;
}

/** What decides a team's room to spend, without a lock (for pages). */
export async function teamSpendSettings(db: DbOrTx, teamId: string): Promise<SpendSettings | null> {
  const [row] = await db.select(spendSettings).from(teams).where(eq(teams.id, teamId));
  return row ?? null;
}

export type SpendSettings = { suspendedAt: Date | null; monthlyCreditBudget: number | null; ownKey: boolean };
const spendSettings = {
  suspendedAt: teams.suspendedAt,
  monthlyCreditBudget: teams.monthlyCreditBudget,
  /** The team pays Vimmerse itself (its own key): the studio's default budget is not its limit. */
  ownKey: sql<boolean>`exists (select 1 from ${teamVimmerseKeys} k where k.team_id = ${teams.id})`,
};

/** The member's own monthly cap (null: none, or not a member). */
export async function memberCap(db: DbOrTx, teamId: string, userId: string): Promise<number | null> {
  const [row] = await db
    .select({ cap: memberships.monthlyCreditCap })
    .from(memberships)
    .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)));
  return row?.cap ?? null;
}

export async function findEntry(db: DbOrTx, teamId: string, key: string): Promise<LedgerEntry | null> {
  const [row] = await db
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.teamId, teamId), eq(creditLedger.key, key)));
  return row ?? null;
}

export type MonthSpend = { settled: number; reserved: number };

/** Credits not refunded, reserved since `since` (by one member when `userId` is given). */
export async function spentSince(db: DbOrTx, teamId: string, since: Date, userId?: string): Promise<MonthSpend> {
  const [row] = await db
    .select({
      settled: sql<number>`coalesce(sum(${creditLedger.credits}) filter (where ${creditLedger.state} = 'settled'), 0)::int`,
      reserved: sql<number>`coalesce(sum(${creditLedger.credits}) filter (where ${creditLedger.state} = 'reserved'), 0)::int`,
    })
    .from(creditLedger)
    .where(
      and(
        eq(creditLedger.teamId, teamId),
        gte(creditLedger.createdAt, since),
        ne(creditLedger.state, "refunded"),
        userId ? eq(creditLedger.userId, userId) : undefined,
      ),
    );
  return { settled: Number(row?.settled ?? 0), reserved: Number(row?.reserved ?? 0) };
}

/** A new reservation; null when the key exists already (the caller reads that one). */
export async function insertReservation(db: DbOrTx, e: NewEntry): Promise<LedgerEntry | null> {
  const [row] = await db
    .insert(creditLedger)
    .values({ ...e, state: "reserved" })
    .onConflictDoNothing({ target: creditLedger.key })
    .returning();
  return row ?? null;
}

/**
 * Accepted upstream: reserved → settled. A missing row (its reservation was released by a
 * refused attempt racing this one) is recorded settled: upstream has charged, so it counts.
 * A refunded row stays refunded.
 */
export async function markSettled(db: DbOrTx, e: NewEntry): Promise<void> {
  const now = new Date();
  const moved = await db
    .update(creditLedger)
    .set({ state: "settled", settledAt: now })
    .where(and(eq(creditLedger.teamId, e.teamId), eq(creditLedger.key, e.key), eq(creditLedger.state, "reserved")))
    .returning({ id: creditLedger.id });
  if (moved.length > 0) return;
  await db
    .insert(creditLedger)
    .values({ ...e, state: "settled", settledAt: now })
    .onConflictDoNothing({ target: creditLedger.key });
}

/** reserved → settled only, for callers that know of no cost (the sync): false when nothing moved. */
export async function settleReserved(db: DbOrTx, teamId: string, key: string): Promise<boolean> {
  const moved = await db
    .update(creditLedger)
    .set({ state: "settled", settledAt: new Date() })
    .where(and(eq(creditLedger.teamId, teamId), eq(creditLedger.key, key), eq(creditLedger.state, "reserved")))
    .returning({ id: creditLedger.id });
  return moved.length > 0;
}

/** reserved | settled → refunded, once: false when it was refunded already (or never reserved). */
export async function markRefunded(db: DbOrTx, teamId: string, key: string): Promise<boolean> {
  const moved = await db
    .update(creditLedger)
    .set({ state: "refunded", refundedAt: new Date() })
    .where(
      and(
        eq(creditLedger.teamId, teamId),
        eq(creditLedger.key, key),
        inArray(creditLedger.state, ["reserved", "settled"]),
      ),
    )
    .returning({ id: creditLedger.id });
  return moved.length > 0;
}

/**
 * Removes a reservation upstream refused outright (nothing made, nothing charged), so the same
 * generation may be asked again under its key; only while still reserved. (An attempt racing
 * this one that is then accepted records its row again: markSettled.)
 */
export async function deleteReservation(db: DbOrTx, teamId: string, key: string): Promise<boolean> {
  const gone = await db
    .delete(creditLedger)
    .where(and(eq(creditLedger.teamId, teamId), eq(creditLedger.key, key), eq(creditLedger.state, "reserved")))
    .returning({ id: creditLedger.id });
  return gone.length > 0;
}

/** What each generation of one media cost (its ledger rows, oldest first). */
export async function ledgerForMedia(db: DbOrTx, teamId: string, mediaId: string): Promise<LedgerEntry[]> {
  return db
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.teamId, teamId), eq(creditLedger.mediaId, mediaId)))
    .orderBy(asc(creditLedger.createdAt));
}
