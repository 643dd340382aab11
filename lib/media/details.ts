import "server-only";
import { z } from "zod";
import { getMediaForTeam, updateMediaDetails } from "@/db/queries/media";
import { type FormState, fieldErrorsOf } from "@/lib/form-state";
import { NotFoundError } from "@/lib/vimmerse";
import { clientFor, type MediaDeps, type Who } from "./deps";
import { describeUpstreamError, MEDIA_MISSING } from "./errors";

// A media's free fields: title, description, rating and visibility. Upstream charges nothing
// for them, so no confirmation is asked. The caller has already authorized the team.

const text = (label: string, max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, `${label} can be at most ${max} characters.`));

export const detailsSchema = z.object({
  mediaId: z.uuid(MEDIA_MISSING),
  title: text("The title", 200),
  description: text("The description", 2000),
  rating: z.preprocess(
    (v) => (v == null || v === "none" ? "" : v),
    z.enum(["", "1", "2", "3", "4", "5"], { error: "Pick a rating from 1 to 5, or none." }),
  ),
  visibility: z.enum(["0", "1", "2"], { error: "Pick who can see it." }),
});

/** Title, description, rating and visibility: free upstream, so no confirmation is asked. */
export async function editDetailsAs(
  deps: Pick<MediaDeps, "db" | "client">,
  who: Who,
  input: Record<string, unknown>,
): Promise<FormState> {
  const parsed = detailsSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const d = parsed.data;
  const media = await getMediaForTeam(deps.db, who.teamId, d.mediaId);
  if (!media) return { error: MEDIA_MISSING };
  let note = "";
  if (media.upstreamId) {
    try {
      await (await clientFor(deps.client, who.teamId)).editMedia(media.upstreamId, {
        title: d.title,
        description: d.description,
        rating: d.rating,
        visibility_status: d.visibility,
      });
    } catch (err) {
      // Upstream lost it: the studio's own record is still worth correcting.
      if (!(err instanceof NotFoundError)) return { error: describeUpstreamError(err, "change").error };
      note = " (Vimmerse no longer has this video, so only the studio's copy changed.)";
    }
  }
  await updateMediaDetails(deps.db, who.teamId, media.id, {
    title: d.title,
    description: d.description,
    rating: d.rating || null,
    visibility: d.visibility,
  });
  return { ok: true, message: `Saved.${note}` };
}
