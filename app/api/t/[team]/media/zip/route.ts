import { teamRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { zipSelection } from "@/lib/library/zip/response";
import { getStorage } from "@/lib/storage";

// POST /api/t/<team>/media/zip with the form field ids=<id>,<id>,…: one ZIP of their stored videos.
// Anyone on the team who may download (viewers too) may; a POST, so the list of ids fits.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = teamRoute<{ team: string }>("viewer", async (request, ctx) => {
  const form = await request.formData().catch(() => null);
  return zipSelection({ db: getDb(), storage: getStorage() }, ctx.team, form, request.signal);
});
