import { teamRoute } from "@/lib/auth/guards";
import { usageCsvFor } from "@/lib/billing/usage";
import { getDb } from "@/lib/db";

// GET /api/t/<team>/usage.csv: this month's (UTC) credit ledger, one row per entry. Owners and
// admins only; anyone else gets the same 404 as for a team that does not exist.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = teamRoute("admin", async (_request, ctx) => {
  const { name, body } = await usageCsvFor(getDb(), ctx.team);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
