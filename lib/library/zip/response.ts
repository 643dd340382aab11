import "server-only";
import type { DbOrTx } from "@/db/client";
import { listZipSources } from "@/db/queries/media-assets";
import { attachment } from "@/lib/http/serve-file";
import { idsSchema } from "@/lib/library/trash";
import type { Storage } from "@/lib/storage/types";
import { planZip } from "./plan";
import { zipStream } from "./stream";

// The gallery's "Download as ZIP": the team's chosen media that have a stored video, streamed as
// one ZIP named "<team>-<n>-videos.zip". Another team's ids, unknown ids and trashed media are
// left out exactly alike, so the answer says nothing about them.

export const NOTHING_TO_ZIP = "None of these videos has a finished file to download yet.";

const text = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

export async function zipSelection(
  deps: { db: DbOrTx; storage: Storage },
  team: { id: string; slug: string },
  form: FormData | null,
  signal?: AbortSignal,
): Promise<Response> {
  const raw = form?.get("ids");
  const parsed = idsSchema.safeParse({ ids: typeof raw === "string" ? raw : "" });
  if (!parsed.success) return text(400, parsed.error.issues[0]?.message ?? "Choose the videos to download.");
  const ids = parsed.data.ids;
  const plan = planZip(await listZipSources(deps.db, team.id, ids), ids);
  if (plan.entries.length === 0) return text(404, NOTHING_TO_ZIP);
  // No Content-Length: the size is only known once the last file has gone through.
  return new Response(zipStream(deps.storage, plan, signal), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": attachment(`${team.slug}-${plan.entries.length}-videos.zip`),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
