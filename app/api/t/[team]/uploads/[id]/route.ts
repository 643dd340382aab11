import { getUploadForTeam } from "@/db/queries/uploads";
import { notFoundResponse, teamRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getStorage } from "@/lib/storage";

// A team's uploaded image, for previews on the Create page (members only).

export const GET = teamRoute<{ team: string; id: string }>("member", async (_request, ctx, { id }) => {
  const upload = await getUploadForTeam(getDb(), ctx.team.id, id);
  if (!upload) return notFoundResponse();
  if (upload.url) return Response.redirect(upload.url, 302);
  const file = await getStorage().get(upload.storageKey);
  if (!file) return notFoundResponse();
  return new Response(file.body, {
    headers: {
      "content-type": upload.contentType,
      "cache-control": "private, max-age=3600",
      "x-content-type-options": "nosniff",
    },
  });
});
