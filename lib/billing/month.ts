// Budgets run per calendar month in UTC: the same month for every member wherever they are.
// Pure and client-safe.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** When this month's budget resets: the first of next month, 00:00 UTC. */
export const nextMonthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));

/** "1 Jan": the reset day in words (UTC, so it is the same for everyone). */
export const resetDay = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;

const credits = (n: number) => `${n} credit${n === 1 ? "" : "s"}`;

/** The refusal of a spend that does not fit: what is left, when it resets, what this one needs. */
export function overBudgetMessage(
  who: "team" | "member",
  left: number,
  resetsAt: Date,
  needed: number,
  what = "This video",
): string {
  const holder = who === "team" ? "This team has" : "You have";
  const of = who === "team" ? "" : " of your monthly allowance";
  return `${holder} ${credits(Math.max(0, left))} left${of} this month (resets ${resetDay(resetsAt)}). ${what} needs ≈ ${needed}.`;
}

export const SUSPENDED =
  "This team is suspended: its videos can still be watched and downloaded, but nothing new can be made. Ask the operator.";
