import { teamRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { readSmallForm } from "@/lib/http/small-form";
import { zipSelection } from "@/lib/library/zip/response";
import { getStorage } from "@/lib/storage";

// POST /api/t/<team>/media/zip with the form field ids=<id>,<id>,…: one ZIP of their stored videos.
// Anyone on the team who may download (viewers too) may; a POST, so the list of ids fits.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = teamRoute<{ team: string }>("viewer", async (request, ctx) => {
  // 100 ids are under 4 kB: anything much bigger is not the gallery's form.
  const form = await readSmallForm(request, 16 * 1024);
  if (form === "too_big")
    return new Response("Too many videos at once: choose at most 100.", {
      status: 413,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  return zipSelection({ db: getDb(), storage: getStorage() }, ctx.team, form, request.signal);
});
