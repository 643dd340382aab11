import { getUploadForTeam } from "@/db/queries/uploads";
import { notFoundResponse, teamRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getStorage } from "@/lib/storage";
import { serveUpload } from "@/lib/uploads/serve";

// A team's uploaded image, whole (anyone in the team, viewers too). Pages show its thumbnail
// instead (./thumbnail).

export const GET = teamRoute<{ team: string; id: string }>("viewer", async (_request, ctx, { id }) => {
  const upload = await getUploadForTeam(getDb(), ctx.team.id, id);
  if (!upload) return notFoundResponse();
  return (await serveUpload(getStorage(), upload, "upload")) ?? notFoundResponse();
});
