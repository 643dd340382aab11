import { getDb } from "@/db/client";
import { getUploadForTeam } from "@/db/queries/uploads";
import { AccessDenied, authorizeTeam } from "@/lib/auth/session";
import { getStorage } from "@/lib/storage";

// A team's uploaded image, for previews on the Create page (members only).

type Ctx = { params: Promise<{ team: string; id: string }> };

export async function GET(_request: Request, { params }: Ctx) {
  const { team: slug, id } = await params;
  try {
    const ctx = await authorizeTeam(slug);
    const upload = await getUploadForTeam(getDb(), ctx.team.id, id);
    if (!upload) return new Response("Not found", { status: 404 });
    if (upload.url) return Response.redirect(upload.url, 302);
    const file = await getStorage().get(upload.storageKey);
    if (!file) return new Response("Not found", { status: 404 });
    return new Response(file.body, {
      headers: {
        "content-type": upload.contentType,
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    if (err instanceof AccessDenied) return new Response("Not found", { status: 404 });
    throw err;
  }
}
