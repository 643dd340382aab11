import { z } from "zod";
import { getDb } from "@/db/client";
import { copiesComplete, listMediaStatuses } from "@/db/queries/media-list";
import { AccessDenied, authorizeTeam } from "@/lib/auth/session";
import { STATUS_LABEL } from "@/lib/media/status";

// GET /api/t/<team>/media/status?ids=a,b,c: what the progress poll asks, answered from the app's
// own database (the webhook and the reconciler keep it current), never by asking upstream, so
// any number of people watching costs upstream nothing.

export const dynamic = "force-dynamic";

const query = z.object({
  ids: z
    .string()
    .max(100 * 37)
    .transform((s) => [...new Set(s.split(",").map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.uuid()).min(1).max(100)),
});

const noStore = { "cache-control": "no-store" };

type Ctx = { params: Promise<{ team: string }> };

export async function GET(request: Request, { params }: Ctx) {
  const { team: slug } = await params;
  let teamId: string;
  try {
    teamId = (await authorizeTeam(slug)).team.id;
  } catch (err) {
    if (err instanceof AccessDenied) return Response.json({ error: "Not found" }, { status: 404, headers: noStore });
    throw err;
  }
  const parsed = query.safeParse({ ids: new URL(request.url).searchParams.get("ids") ?? "" });
  if (!parsed.success) return Response.json({ error: "Send ids=<id>,<id>,… (1 to 100 video ids)." }, { status: 400, headers: noStore });
  const rows = await listMediaStatuses(getDb(), teamId, parsed.data.ids);
  return Response.json(
    { items: rows.map((r) => ({ id: r.id, status: r.status, label: STATUS_LABEL[r.status], progress: r.progress, ready: copiesComplete(r) })) },
    { headers: noStore },
  );
}
