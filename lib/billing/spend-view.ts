import { type CostModel, type Estimated, estimateCredits } from "./cost-model";
import { overBudgetMessage, SUSPENDED } from "./month";

// What a paid form shows before sending: "≈ N credits · M left this month", and the refusal the
// server would give when it does not fit. Client-safe: the page hands the form a SpendView.

export type SpendView = {
  model: CostModel;
  /** Room left this month (the smaller of the team's and the member's); null = unlimited. */
  left: number | null;
  limitedBy: "team" | "member" | null;
  /** ISO time the budget resets (first of next month, UTC). */
  resetsAt: string;
  suspended: boolean;
};

export type SpendLine = { credits: number; line: string; refusal: string | null };

export function spendLine(view: SpendView, p: Estimated, what = "This video"): SpendLine {
  const credits = estimateCredits(p, view.model);
  const cost = `≈ ${credits} credit${credits === 1 ? "" : "s"}`;
  const line = view.left === null ? cost : `${cost} · ${view.left} left this month`;
  if (view.suspended) return { credits, line, refusal: SUSPENDED };
  const over = view.left !== null && credits > view.left;
  const refusal = over
    ? overBudgetMessage(view.limitedBy ?? "team", view.left ?? 0, new Date(view.resetsAt), credits, what)
    : null;
  return { credits, line, refusal };
}
