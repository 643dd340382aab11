import { teamRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { DOWNLOAD_HELP, downloadMedia, downloadQuery } from "@/lib/media/download";
import { getStorage } from "@/lib/storage";
import { upstreamFor } from "@/lib/upstream";

// GET /api/t/<team>/media/<id>/download?variant=Parallax1&format=mp4&width=720&size=4

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = teamRoute<{ team: string; id: string }>("viewer", async (request, ctx, { id }) => {
  const sp = new URL(request.url).searchParams;
  const parsed = downloadQuery.safeParse(
    Object.fromEntries(["variant", "format", "width", "size"].map((k) => [k, sp.get(k)])),
  );
  if (!parsed.success) {
    return new Response(DOWNLOAD_HELP, {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const deps = { db: getDb(), client: upstreamFor, storage: getStorage() };
  return downloadMedia(deps, ctx.team.id, id, parsed.data, request);
});
