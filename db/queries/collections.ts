import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { collectionMedia, collections } from "../library-schema";
import { media } from "../media-schema";

// A team's collections and what is in them. Every read and write is scoped by the team id: a
// collection or a media of another team matches nothing, exactly like an unknown id.

export type Collection = typeof collections.$inferSelect;
export type CollectionRow = Pick<Collection, "id" | "name" | "createdBy" | "createdAt"> & { count: number };

const ofTeam = (teamId: string, id: string) => and(eq(collections.teamId, teamId), eq(collections.id, id));
/** The team's media of these ids that are in its library (not in the Trash). */
const liveMedia = (teamId: string, ids: string[]) =>
  and(eq(media.teamId, teamId), inArray(media.id, ids.filter(isUuid)), isNull(media.deletedAt));

export async function getCollection(db: DbOrTx, teamId: string, id: string): Promise<Collection | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(collections).where(ofTeam(teamId, id)).limit(1);
  return row ?? null;
}

/** The team's collections by name, each with how many of its media are in the library. */
export async function listCollections(db: DbOrTx, teamId: string, limit = 500): Promise<CollectionRow[]> {
  // Written out: inside the subquery an unqualified "id" would mean the media's.
  const count = sql<number>`(select count(*)::int from collection_media cm join media m on m.id = cm.media_id
    where cm.collection_id = "collections"."id" and m.deleted_at is null)`;
  return db
    .select({
      id: collections.id,
      name: collections.name,
      createdBy: collections.createdBy,
      createdAt: collections.createdAt,
      count,
    })
    .from(collections)
    .where(eq(collections.teamId, teamId))
    .orderBy(sql`lower(${collections.name})`, collections.id)
    .limit(limit);
}

/** The team's collections by name, names only (for pickers: no counting). */
export async function listCollectionNames(db: DbOrTx, teamId: string, limit = 500) {
  return db
    .select({ id: collections.id, name: collections.name })
    .from(collections)
    .where(eq(collections.teamId, teamId))
    .orderBy(sql`lower(${collections.name})`, collections.id)
    .limit(limit);
}

export async function findCollectionByName(db: DbOrTx, teamId: string, name: string): Promise<Collection | null> {
  const [row] = await db
    .select()
    .from(collections)
    .where(and(eq(collections.teamId, teamId), sql`lower(${collections.name}) = lower(${name})`))
    .limit(1);
  return row ?? null;
}

/** null when the team already has a collection of that name (whatever its case). */
export async function insertCollection(
  db: DbOrTx,
  row: { teamId: string; name: string; createdBy: string },
): Promise<Collection | null> {
  const [made] = await db.insert(collections).values(row).onConflictDoNothing().returning();
  return made ?? null;
}

/** "missing" for no such collection of the team, "taken" when another one has the name. */
export async function renameCollection(
  db: DbOrTx,
  teamId: string,
  id: string,
  name: string,
): Promise<"done" | "missing" | "taken"> {
  if (!isUuid(id)) return "missing";
  const taken = sql`exists (select 1 from collections c2 where c2.team_id = ${teamId}::uuid
    and lower(c2.name) = lower(${name}) and c2.id <> ${id}::uuid)`;
  try {
    const rows = await db
      .update(collections)
      .set({ name, updatedAt: sql`now()` })
      .where(and(ofTeam(teamId, id), sql`not ${taken}`))
      .returning({ id: collections.id });
    if (rows.length) return "done";
  } catch (err) {
    // Two renames to one name at once: the unique index refuses the second.
    if (!isUniqueViolation(err)) throw err;
  }
  return (await getCollection(db, teamId, id)) ? "taken" : "missing";
}

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === "object" &&
  err !== null &&
  ((err as { code?: string }).code === "23505" || isUniqueViolation((err as { cause?: unknown }).cause));

/** Deletes one of the team's collections (its links go with it); `createdBy` limits it to theirs. */
export async function deleteCollection(db: DbOrTx, teamId: string, id: string, createdBy?: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .delete(collections)
    .where(and(ofTeam(teamId, id), createdBy ? eq(collections.createdBy, createdBy) : undefined))
    .returning({ id: collections.id });
  return rows.length > 0;
}

/**
 * Adds the team's library media among `mediaIds` to one of its collections; returns those newly
 * added. Another team's collection or media, a trashed media or one already in it adds nothing.
 */
export async function addToCollection(
  db: DbOrTx,
  teamId: string,
  collectionId: string,
  mediaIds: string[],
  addedBy: string,
): Promise<string[]> {
  if (!isUuid(collectionId) || !mediaIds.some(isUuid)) return [];
  const picked = db
    .select({
      collectionId: collections.id,
      mediaId: media.id,
      teamId: media.teamId,
      addedBy: sql<string>`${addedBy}`.as("added_by"),
      addedAt: sql<Date>`now()`.as("added_at"),
    })
    .from(media)
    .innerJoin(collections, ofTeam(teamId, collectionId))
    .where(liveMedia(teamId, mediaIds));
  const rows = await db
    .insert(collectionMedia)
    .select(picked)
    .onConflictDoNothing()
    .returning({ mediaId: collectionMedia.mediaId });
  if (rows.length) await touch(db, teamId, collectionId);
  return rows.map((r) => r.mediaId);
}

/** Takes media out of one of the team's collections; returns those removed. */
export async function removeFromCollection(
  db: DbOrTx,
  teamId: string,
  collectionId: string,
  mediaIds: string[],
): Promise<string[]> {
  if (!isUuid(collectionId) || !mediaIds.some(isUuid)) return [];
  const rows = await db
    .delete(collectionMedia)
    .where(
      and(
        eq(collectionMedia.teamId, teamId),
        eq(collectionMedia.collectionId, collectionId),
        inArray(collectionMedia.mediaId, mediaIds.filter(isUuid)),
      ),
    )
    .returning({ mediaId: collectionMedia.mediaId });
  if (rows.length) await touch(db, teamId, collectionId);
  return rows.map((r) => r.mediaId);
}

const touch = (db: DbOrTx, teamId: string, id: string) =>
  db.update(collections).set({ updatedAt: sql`now()` }).where(ofTeam(teamId, id));

/** The ids of the team's collections this media is in. */
export async function collectionsOfMedia(db: DbOrTx, teamId: string, mediaId: string): Promise<string[]> {
  if (!isUuid(mediaId)) return [];
  const rows = await db
    .select({ id: collectionMedia.collectionId })
    .from(collectionMedia)
    .where(and(eq(collectionMedia.teamId, teamId), eq(collectionMedia.mediaId, mediaId)));
  return rows.map((r) => r.id);
}

/**
 * The gallery's filter: the media is in this collection. Led by collection_id, the primary key
 * answers it for each media row the gallery reads.
 */
export const inCollection = (teamId: string, collectionId: string): SQL =>
  sql`exists (select 1 from collection_media cm where cm.collection_id = ${collectionId}::uuid
    and cm.media_id = "media"."id" and cm.team_id = ${teamId}::uuid)`;
