import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaStatus } from "@/db/media-schema";
import {
  deleteReservation,
  findEntry,
  insertReservation,
  type LedgerEntry,
  type LedgerKind,
  lockTeamForSpend,
  markRefunded,
  markSettled,
  memberCap,
  settleReserved,
  spentSince,
} from "@/db/queries/credit-ledger";
import { budgetOf } from "./budget";
import { monthStart, nextMonthStart, overBudgetMessage, SUSPENDED } from "./month";

// Every call that spends credits reserves its estimated cost first, in one transaction that locks
// the team row: the budget check and the insert cannot be split by another reservation (no
// check-then-spend race). One row per media generation ("<mediaId>:<number>"), so a retry, a
// replayed webhook or a crash never reserves, settles or refunds twice.

export const ledgerKey = (mediaId: string, generation: number) => `${mediaId}:${generation}`;

export type Spend = {
  teamId: string;
  userId: string | null;
  mediaId: string;
  generation: number;
  kind: LedgerKind;
  motionType: string;
  credits: number;
};

export type Reservation =
  | { ok: true; entry: LedgerEntry; created: boolean }
  | { ok: false; reason: "suspended" | "team_budget" | "member_cap" | "gone"; message: string };

const entryOf = (s: Spend) => ({
  teamId: s.teamId,
  userId: s.userId,
  mediaId: s.mediaId,
  key: ledgerKey(s.mediaId, s.generation),
  kind: s.kind,
  motionType: s.motionType,
  credits: s.credits,
});

export async function reserve(db: DbOrTx, s: Spend, now = new Date()): Promise<Reservation> {
  return db.transaction(async (tx): Promise<Reservation> => {
    const team = await lockTeamForSpend(tx, s.teamId);
    if (!team) return { ok: false, reason: "gone", message: "This team no longer exists." };
    if (team.suspendedAt) return { ok: false, reason: "suspended", message: SUSPENDED };
    const e = entryOf(s);
    // The same generation again (a double click, a retry): already counted, not counted twice.
    const existing = await findEntry(tx, s.teamId, e.key);
    if (existing && existing.state !== "refunded") return { ok: true, entry: existing, created: false };
    if (existing) return { ok: false, reason: "gone", message: "This request was refunded already; start it again." };

    const since = monthStart(now);
    const resetsAt = nextMonthStart(now);
    const budget = budgetOf(team);
    if (budget !== null) {
      const t = await spentSince(tx, s.teamId, since);
      const left = budget - t.settled - t.reserved;
      if (s.credits > left)
        return { ok: false, reason: "team_budget", message: overBudgetMessage("team", left, resetsAt, s.credits) };
    }
    const cap = s.userId ? await memberCap(tx, s.teamId, s.userId) : null;
    if (cap !== null && s.userId) {
      const mine = await spentSince(tx, s.teamId, since, s.userId);
      const left = cap - mine.settled - mine.reserved;
      if (s.credits > left)
        return { ok: false, reason: "member_cap", message: overBudgetMessage("member", left, resetsAt, s.credits) };
    }
    const entry = await insertOrRead(tx, e);
    return { ok: true, entry, created: true };
  });
}

async function insertOrRead(tx: DbOrTx, e: ReturnType<typeof entryOf>): Promise<LedgerEntry> {
  const row = (await insertReservation(tx, e)) ?? (await findEntry(tx, e.teamId, e.key));
  if (!row) throw new Error(`ledger entry ${e.key} vanished while being reserved`);
  return row;
}

const FAILED: readonly MediaStatus[] = ["fail", "cancel"];

/** Upstream accepted the call: settled (recorded if its reservation went missing), or refunded at once if it already failed. */
export async function settleAccepted(db: DbOrTx, s: Spend, status: MediaStatus): Promise<void> {
  await markSettled(db, entryOf(s));
  if (FAILED.includes(status)) await markRefunded(db, s.teamId, ledgerKey(s.mediaId, s.generation));
}

/**
 * What the sync learnt of a generation: a render upstream failed or cancelled is refunded (once),
 * any other state it moved to means upstream took the call, so a reservation still open settles.
 */
export async function followRender(
  db: DbOrTx,
  target: { teamId: string; mediaId: string; generation: number },
  status: MediaStatus,
): Promise<void> {
  const key = ledgerKey(target.mediaId, target.generation);
  if (FAILED.includes(status)) await markRefunded(db, target.teamId, key);
  else if (status !== "not_submitted" && status !== "checking") await settleReserved(db, target.teamId, key);
}

/** The render ended without a video, or the call is known never to have made one: refunded once. */
export const refund = (db: DbOrTx, teamId: string, mediaId: string, generation: number) =>
  markRefunded(db, teamId, ledgerKey(mediaId, generation));

/** Upstream refused outright: the reservation is dropped, so asking again reserves afresh. */
export const release = (db: DbOrTx, teamId: string, mediaId: string, generation: number) =>
  deleteReservation(db, teamId, ledgerKey(mediaId, generation));
