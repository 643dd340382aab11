import { after } from "next/server";
import { z } from "zod";
import { teamRoute } from "@/lib/auth/guards";
import { mediaDeps } from "@/lib/media/app-deps";
import { mediaStatuses } from "@/lib/media/live";
import { sendWaitingOf } from "@/lib/media/waiting";

// GET /api/t/<team>/media/status?ids=a,b,c: what the progress poll asks, answered from the app's
// own database; a watched render nobody has checked for a few seconds is refreshed after the
// answer (lib/media/watch-refresh.ts).

export const dynamic = "force-dynamic";
// The refresh after the answer may copy a just-finished video into storage.
export const maxDuration = 60;

const query = z.object({
  ids: z
    .string()
    .max(100 * 37)
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.uuid()).min(1).max(100)),
});

const noStore = { "cache-control": "no-store" };

export const GET = teamRoute("viewer", async (request, ctx) => {
  const parsed = query.safeParse({ ids: new URL(request.url).searchParams.get("ids") ?? "" });
  if (!parsed.success) {
    return Response.json({ error: "Send ids=<id>,<id>,… (1 to 100 video ids)." }, { status: 400, headers: noStore });
  }
  const deps = mediaDeps();
  const items = await mediaStatuses(
    { ...deps, defer: (task) => after(task), onSlotFreed: sendWaitingOf(deps) },
    ctx.team.id,
    parsed.data.ids,
  );
  return Response.json({ items }, { headers: noStore });
});
