import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { media } from "../media-schema";

export type Media = typeof media.$inferSelect;

/** A team's media by id; another team's id answers null, exactly like an unknown one. */
export async function getMediaForTeam(db: DbOrTx, teamId: string, mediaId: string): Promise<Media | null> {
  if (!/^[0-9a-f-]{36}$/i.test(mediaId)) return null;
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)))
    .limit(1);
  return row ?? null;
}
