import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { favourites } from "../library-schema";
import { media } from "../media-schema";

// One user's favourites among a team's media. Scoped by the team id and the user: another
// team's media, or another member's favourites, match nothing.

/** Favourites the team's library media among `mediaIds` for the user; returns those newly added. */
export async function addFavourites(db: DbOrTx, teamId: string, userId: string, mediaIds: string[]): Promise<string[]> {
  if (!mediaIds.some(isUuid)) return [];
  const picked = db
    .select({
      userId: sql<string>`${userId}`.as("user_id"),
      mediaId: media.id,
      teamId: media.teamId,
      createdAt: sql<Date>`now()`.as("created_at"),
    })
    .from(media)
    .where(and(eq(media.teamId, teamId), inArray(media.id, mediaIds.filter(isUuid)), isNull(media.deletedAt)));
  const rows = await db
    .insert(favourites)
    .select(picked)
    .onConflictDoNothing()
    .returning({ mediaId: favourites.mediaId });
  return rows.map((r) => r.mediaId);
}

/** Unfavourites; returns the ids that were favourites of the user in this team. */
export async function removeFavourites(
  db: DbOrTx,
  teamId: string,
  userId: string,
  mediaIds: string[],
): Promise<string[]> {
  if (!mediaIds.some(isUuid)) return [];
  const rows = await db
    .delete(favourites)
    .where(
      and(
        eq(favourites.userId, userId),
        eq(favourites.teamId, teamId),
        inArray(favourites.mediaId, mediaIds.filter(isUuid)),
      ),
    )
    .returning({ mediaId: favourites.mediaId });
  return rows.map((r) => r.mediaId);
}

/** Which of these media (a gallery page's) the user favourited: one query for the whole page. */
export async function favouritedAmong(
  db: DbOrTx,
  teamId: string,
  userId: string,
  mediaIds: string[],
): Promise<Set<string>> {
  const ids = mediaIds.filter(isUuid);
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ mediaId: favourites.mediaId })
    .from(favourites)
    .where(and(eq(favourites.userId, userId), eq(favourites.teamId, teamId), inArray(favourites.mediaId, ids)));
  return new Set(rows.map((r) => r.mediaId));
}

/**
 * The gallery's filter: the user favourited the media. Led by user_id, the primary key answers
 * it for each media row the gallery reads.
 */
export const favouriteOf = (teamId: string, userId: string): SQL =>
  sql`exists (select 1 from favourites f where f.user_id = ${userId}
    and f.media_id = "media"."id" and f.team_id = ${teamId}::uuid)`;
