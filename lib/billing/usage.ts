import "server-only";
import type { DbOrTx } from "@/db/client";
import { teamSpendSettings } from "@/db/queries/credit-ledger";
import {
  countUsageEntries,
  type Span,
  type UsageEntry,
  usageByDay,
  usageByMember,
  usageByMotion,
  usageEntries,
} from "@/db/queries/usage";
import type { TeamRole } from "@/db/schema";
import { MOTIONS } from "@/lib/media/motions";
import { atLeast } from "@/lib/teams/service";
import { budgetOf } from "./budget";
import { monthStart, nextMonthStart } from "./month";

// The usage page and its CSV: this month (UTC) of the team's credit ledger, against its budget.
// Refunded entries are listed but never counted.

/** Only owners and admins see what the team spends; anyone else gets the stranger's 404. */
export const canSeeUsage = (role: TeamRole) => atLeast(role, "admin");

/** How many of this month's entries the page lists; the CSV has them all. */
export const USAGE_PAGE_ROWS = 200;

export const monthSpan = (now: Date): Span => ({ since: monthStart(now), until: nextMonthStart(now) });

/** "2026-12" (UTC). */
export const monthKey = (now: Date) => monthStart(now).toISOString().slice(0, 7);

const monthLabel = (now: Date) =>
  new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(now);

export const motionLabel = (id: string) => MOTIONS.find((m) => m.id === id)?.label ?? id;

export type UsageRow = {
  key: string;
  label: string;
  detail: string | null;
  credits: number;
  reserved: number;
  renders: number;
};
export type UsageDay = { date: string; day: number; settled: number; reserved: number };

export type UsageView = {
  month: string;
  monthKey: string;
  spent: number;
  reserved: number;
  /** The monthly budget; null: no limit. */
  budget: number | null;
  left: number | null;
  resetsAt: Date;
  /** Every day of the month, zero where nothing was spent. */
  days: UsageDay[];
  byMember: UsageRow[];
  byMotion: UsageRow[];
  entries: UsageEntry[];
  totalEntries: number;
};

export async function loadUsage(
  db: DbOrTx,
  team: { id: string; monthlyCreditBudget: number | null },
  now = new Date(),
): Promise<UsageView> {
  const span = monthSpan(now);
  const [members, motions, perDay, entries, totalEntries] = await Promise.all([
    usageByMember(db, team.id, span),
    usageByMotion(db, team.id, span),
    usageByDay(db, team.id, span),
    usageEntries(db, team.id, span, USAGE_PAGE_ROWS),
    countUsageEntries(db, team.id, span),
  ]);
  const spent = perDay.reduce((s, d) => s + d.settled, 0);
  const reserved = perDay.reduce((s, d) => s + d.reserved, 0);
  const budget = budgetOf((await teamSpendSettings(db, team.id)) ?? team);
  const byDate = new Map(perDay.map((d) => [d.day, d]));
  const length = Math.round((span.until.getTime() - span.since.getTime()) / 86_400_000);
  const days = Array.from({ length }, (_, i): UsageDay => {
    const date = new Date(span.since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const d = byDate.get(date);
    return { date, day: i + 1, settled: d?.settled ?? 0, reserved: d?.reserved ?? 0 };
  });
  return {
    month: monthLabel(now),
    monthKey: monthKey(now),
    spent,
    reserved,
    budget,
    left: budget === null ? null : Math.max(0, budget - spent - reserved),
    resetsAt: span.until,
    days,
    byMember: members.map((m) => ({
      key: m.userId ?? "former",
      label: m.userId ? m.name || m.email || "Unnamed member" : "Former members",
      detail: m.userId && m.name ? m.email : null,
      credits: m.settled,
      reserved: m.reserved,
      renders: m.renders,
    })),
    byMotion: motions.map((m) => ({
      key: m.motionType,
      label: motionLabel(m.motionType),
      detail: null,
      credits: m.settled,
      reserved: m.reserved,
      renders: m.renders,
    })),
    entries,
    totalEntries,
  };
}

// ---- CSV ------------------------------------------------------------------------------------

export const CSV_HEADER = ["date", "media_id", "title", "motion_type", "member_email", "kind", "credits", "state"];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A cell a spreadsheet would run as a formula (= + - @, or a tab or CR first) gets a leading '.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (cells: (string | number | null | undefined)[]) => cells.map(csvCell).join(",");

export function usageCsv(entries: UsageEntry[]): string {
  const rows = entries.map((e) =>
    csvLine([e.createdAt.toISOString(), e.mediaId, e.title, e.motionType, e.email, e.kind, e.credits, e.state]),
  );
  return `${[csvLine(CSV_HEADER), ...rows].join("\r\n")}\r\n`;
}

/** usage-<team-slug>-2026-12.csv */
export const usageCsvName = (slug: string, now: Date) =>
  `usage-${slug.replace(/[^A-Za-z0-9_-]/g, "-")}-${monthKey(now)}.csv`;

/** The whole month's ledger of the team as CSV: every entry, refunded ones too, newest first. */
export async function usageCsvFor(db: DbOrTx, team: { id: string; slug: string }, now = new Date()) {
  const entries = await usageEntries(db, team.id, monthSpan(now));
  return { name: usageCsvName(team.slug, now), body: usageCsv(entries) };
}
