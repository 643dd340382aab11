import { getAssetForMedia } from "@/db/queries/media-assets";
import { notFoundResponse, teamRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { serveStored } from "@/lib/http/serve-file";
import { getStorage } from "@/lib/storage";

// GET /api/t/<team>/media/<id>/assets/<assetId>: the app's own copy of a finished video, GIF or
// poster, for anyone in the team (viewers too), with byte ranges so a <video> can seek.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = teamRoute<{ team: string; id: string; assetId: string }>(
  "viewer",
  async (request, ctx, { id, assetId }) => {
    const asset = await getAssetForMedia(getDb(), ctx.team.id, id, assetId);
    if (!asset) return notFoundResponse();
    const meta = { contentType: asset.contentType, bytes: asset.bytes };
    return (await serveStored(request, getStorage(), asset.storageKey, meta)) ?? notFoundResponse();
  },
);

export { handler as GET, handler as HEAD };
