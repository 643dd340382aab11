import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { copiesComplete, listMediaStatuses } from "@/db/queries/media-list";
import { AccessDenied, authorizeTeam } from "@/lib/auth/session";
import { isInFlight, STATUS_LABEL } from "@/lib/media/status";
import { refreshWatched } from "@/lib/media/watch-refresh";
import { getStorage } from "@/lib/storage";
import { getVimmerse } from "@/lib/upstream";

// GET /api/t/<team>/media/status?ids=a,b,c: what the progress poll asks, answered from the app's
// own database (the webhook and the reconciler keep it current). A watched render nobody has
// checked for a few seconds is refreshed once after the answer (lib/media/watch-refresh.ts), so
// any number of people watching costs upstream one call per render every few seconds at most.

export const dynamic = "force-dynamic";
// The refresh after the answer may copy a just-finished video into storage.
export const maxDuration = 60;

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
  const db = getDb();
  const rows = await listMediaStatuses(db, teamId, parsed.data.ids);
  const watched = rows.filter((r) => isInFlight(r.status)).map((r) => r.id);
  if (watched.length > 0) {
    try {
      await refreshWatched({ db, client: getVimmerse(), storage: getStorage(), defer: (task) => after(task) }, teamId, watched);
    } catch (err) {
      // The answer matters more than the refresh: the reconciler will get to it.
      console.error("[status] refresh not scheduled:", err instanceof Error ? err.message : err);
    }
  }
  return Response.json(
    { items: rows.map((r) => ({ id: r.id, status: r.status, label: STATUS_LABEL[r.status], progress: r.progress, ready: copiesComplete(r) })) },
    { headers: noStore },
  );
}
