import { z } from "zod";

// What /admin reads from its URL and its forms. Client-safe: the forms show the same hint.

export const ADMIN_PATH = "/admin";
export const ADMIN_PAGE_SIZE = 50;

/** The one answer for a team that does not exist, and for anyone who is not an operator. */
export const NOT_FOUND = "That team doesn't exist.";

// Filters come from the URL; a value we cannot use is ignored rather than an error.
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
export const adminSearchSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).default("")).catch(""),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).default(1)).catch(1),
});
export type AdminSearch = z.output<typeof adminSearchSchema>;

/** /admin with its search and page, leaving out what is the default. */
export function adminHref({ q, page }: Partial<AdminSearch>): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page && page > 1) params.set("page", String(page));
  return params.size ? `${ADMIN_PATH}?${params}` : ADMIN_PATH;
}

// The team is named by id (an operator is not a member, so no slug door applies); anything that is
// not one of ours is answered as a team that does not exist (lib/admin/teams.ts).
const teamId = z.string();

export const teamSchema = z.object({ teamId });

export const BUDGET_RULE = "Enter whole credits (0 or more), or leave it blank for the default.";
/** Fits the integer column with room to spare; no real budget is near it. */
export const MAX_BUDGET = 1_000_000_000;

export const budgetSchema = z.object({
  teamId,
  budget: z
    .string(BUDGET_RULE)
    .trim()
    .regex(/^\d*$/, BUDGET_RULE)
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= MAX_BUDGET, `At most ${MAX_BUDGET.toLocaleString("en")} credits.`),
});
