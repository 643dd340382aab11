import "server-only";
import type { DbOrTx } from "@/db/client";
import { memberCap, spentSince, teamSpendSettings } from "@/db/queries/credit-ledger";
import { env } from "@/lib/env";
import { type CostModel, estimateCredits } from "./cost-model";
import { monthStart, nextMonthStart } from "./month";
import type { SpendView } from "./spend-view";

// This month's spend against the budget, for the pages that show "≈ N credits · M left".

/**
 * The team's monthly budget: its own (set by an operator), else TEAM_MONTHLY_CREDITS, else none
 * (unlimited). A team on its own Vimmerse key pays Vimmerse itself, so the studio's default does
 * not limit it; a budget an operator set for it still does.
 */
export const budgetOf = (team: { monthlyCreditBudget: number | null; ownKey?: boolean }) =>
  team.monthlyCreditBudget ?? (team.ownKey ? null : (env().TEAM_MONTHLY_CREDITS ?? null));

/** The cost model in force (defaults, or COST_MODEL). */
export const costModel = (): CostModel => env().COST_MODEL;

export const estimateFor = (p: Parameters<typeof estimateCredits>[0]) => estimateCredits(p, costModel());

export type MonthSummary = {
  /** Credits settled (upstream took the call) this month. */
  spent: number;
  /** Credits held for calls not yet settled. */
  reserved: number;
  /** What may still be reserved: the smaller of the team's and the member's room; null = unlimited. */
  left: number | null;
  /** Which limit `left` is: the team's budget or the member's own cap. */
  limitedBy: "team" | "member" | null;
  resetsAt: Date;
  suspended: boolean;
};

export async function monthSummary(
  db: DbOrTx,
  teamId: string,
  userId: string | null,
  now = new Date(),
): Promise<MonthSummary> {
  const since = monthStart(now);
  const team = await teamSpendSettings(db, teamId);
  const t = await spentSince(db, teamId, since);
  const budget = budgetOf(team ?? { monthlyCreditBudget: null });
  let left = budget === null ? null : Math.max(0, budget - t.settled - t.reserved);
  let limitedBy: MonthSummary["limitedBy"] = budget === null ? null : "team";
  const cap = userId ? await memberCap(db, teamId, userId) : null;
  if (cap !== null && userId) {
    const mine = await spentSince(db, teamId, since, userId);
    const myLeft = Math.max(0, cap - mine.settled - mine.reserved);
    if (left === null || myLeft < left) {
      left = myLeft;
      limitedBy = "member";
    }
  }
  return {
    spent: t.settled,
    reserved: t.reserved,
    left,
    limitedBy,
    resetsAt: nextMonthStart(now),
    suspended: Boolean(team?.suspendedAt),
  };
}

/** What a paid form needs to show its cost line (serialisable, for a client component). */
export async function spendView(db: DbOrTx, teamId: string, userId: string): Promise<SpendView> {
  const s = await monthSummary(db, teamId, userId);
  return {
    model: costModel(),
    left: s.left,
    limitedBy: s.limitedBy,
    resetsAt: s.resetsAt.toISOString(),
    suspended: s.suspended,
  };
}
