import { getDb } from "@/db/client";
import { getAssetForMedia } from "@/db/queries/media-assets";
import { AccessDenied, authorizeTeam } from "@/lib/auth/session";
import { getStorage } from "@/lib/storage";
import { serveStored } from "../../../serve";

// GET /api/t/<team>/media/<id>/assets/<assetId>: the app's own copy of a finished video, GIF or
// poster, for members only, with byte ranges so a <video> can seek.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ team: string; id: string; assetId: string }> };

const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });

async function handler(request: Request, { params }: Ctx) {
  const { team: slug, id, assetId } = await params;
  let teamId: string;
  try {
    teamId = (await authorizeTeam(slug)).team.id;
  } catch (err) {
    if (err instanceof AccessDenied) return notFound();
    throw err;
  }
  const asset = await getAssetForMedia(getDb(), teamId, id, assetId);
  if (!asset) return notFound();
  return (await serveStored(request, getStorage(), asset.storageKey, { contentType: asset.contentType, bytes: asset.bytes })) ?? notFound();
}

export { handler as GET, handler as HEAD };
