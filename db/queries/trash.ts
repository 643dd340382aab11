import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, notInArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { creditLedger, media, mediaAssets, SLOT_STATUSES, uploads } from "../media-schema";
import { users } from "../schema";

// The team's Trash: media with deleted_at set. Every write is conditional on what the caller saw
// (still in the library, still restorable, still due), so concurrent clicks and passes agree.

/** Set as deleted_at by "Delete forever": older than any retention, so the next purge takes it. */
export const PURGE_NOW = new Date(0);

const ofTeam = (teamId: string, ids: string[]) => and(eq(media.teamId, teamId), inArray(media.id, ids.filter(isUuid)));
const byCreator = (userId: string | undefined) => (userId ? eq(media.createdBy, userId) : undefined);

/** Moves media of the team's library to its Trash; `createdBy` limits it to that member's own. */
export async function trashMedia(
  db: DbOrTx,
  teamId: string,
  ids: string[],
  by: string,
  createdBy?: string,
): Promise<string[]> {
  if (!ids.some(isUuid)) return [];
  const rows = await db
    .update(media)
    .set({ deletedAt: sql`now()`, deletedBy: by })
    .where(and(ofTeam(teamId, ids), isNull(media.deletedAt), byCreator(createdBy)))
    .returning({ id: media.id });
  return rows.map((r) => r.id);
}

/** Back to the library, while still within `retainedSince` (a media past it is being purged). */
export async function restoreMedia(
  db: DbOrTx,
  teamId: string,
  ids: string[],
  retainedSince: Date,
  createdBy?: string,
): Promise<string[]> {
  if (!ids.some(isUuid)) return [];
  const rows = await db
    .update(media)
    .set({ deletedAt: null, deletedBy: null })
    .where(and(ofTeam(teamId, ids), gt(media.deletedAt, retainedSince), byCreator(createdBy)))
    .returning({ id: media.id });
  return rows.map((r) => r.id);
}

/** Marks trashed media as due for the purge now: from then on they cannot be restored. */
export async function markForPurge(db: DbOrTx, teamId: string, ids: string[]): Promise<string[]> {
  if (!ids.some(isUuid)) return [];
  const rows = await db
    .update(media)
    .set({ deletedAt: PURGE_NOW })
    .where(and(ofTeam(teamId, ids), isNotNull(media.deletedAt)))
    .returning({ id: media.id });
  return rows.map((r) => r.id);
}

/** The team's media of these ids, trashed or not: to say why a step did not apply to one. */
export async function findTeamMedia(db: DbOrTx, teamId: string, ids: string[]) {
  if (!ids.some(isUuid)) return [];
  return db.select({ id: media.id, createdBy: media.createdBy }).from(media).where(ofTeam(teamId, ids));
}

export type TrashRow = {
  id: string;
  title: string;
  motionType: string;
  status: string;
  createdBy: string | null;
  deletedAt: Date;
  deletedByName: string | null;
  deletedByEmail: string | null;
};

/** The team's Trash, most recently deleted first (media_deleted_idx). */
export async function listTrash(db: DbOrTx, teamId: string, limit: number): Promise<TrashRow[]> {
  const deleter = alias(users, "deleter");
  const rows = await db
    .select({
      id: media.id,
      title: media.title,
      motionType: media.motionType,
      status: media.status,
      createdBy: media.createdBy,
      deletedAt: media.deletedAt,
      deletedByName: deleter.name,
      deletedByEmail: deleter.email,
    })
    .from(media)
    .leftJoin(deleter, eq(deleter.id, media.deletedBy))
    .where(and(eq(media.teamId, teamId), isNotNull(media.deletedAt)))
    .orderBy(desc(media.deletedAt), desc(media.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, deletedAt: r.deletedAt! }));
}

// ---- the purge ----------------------------------------------------------------------------

/**
 * Trashed media due for the purge: in the Trash since `before`, not rendering (a render still
 * in flight may copy files; it is taken once it has ended) and with no copy being written now
 * (an unfinished claim younger than `claimsSince`), oldest first.
 */
export async function listPurgeable(
  db: DbOrTx,
  before: Date,
  claimsSince: Date,
  limit: number,
  only?: { teamId: string; ids: string[] },
): Promise<{ id: string; teamId: string }[]> {
  const copying = sql`exists (select 1 from media_assets a where a.media_id = ${media.id} and a.bytes is null and a.created_at > ${claimsSince.toISOString()}::timestamptz)`;
  return db
    .select({ id: media.id, teamId: media.teamId })
    .from(media)
    .where(
      and(
        isNotNull(media.deletedAt),
        lte(media.deletedAt, before),
        notInArray(media.status, [...SLOT_STATUSES]),
        sql`not ${copying}`,
        only ? ofTeam(only.teamId, only.ids) : undefined,
      ),
    )
    .orderBy(asc(media.deletedAt), asc(media.id))
    .limit(limit);
}

/** Every stored copy of a media, finished or claimed. */
export async function assetsOfMedia(db: DbOrTx, teamId: string, mediaId: string) {
  return db
    .select({ id: mediaAssets.id, storageKey: mediaAssets.storageKey })
    .from(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.mediaId, mediaId)));
}

/**
 * A media refers to an upload by its storage key in `inputs` (what was sent) or by its id in
 * `params` (what the form asked, kept for remixes): either keeps the upload alive.
 */
const referencedBy = (mediaFilter: SQL) =>
  sql`exists (select 1 from media m where m.team_id = ${uploads.teamId} and ${mediaFilter} and (m.inputs @> jsonb_build_array(jsonb_build_object('key', ${uploads.storageKey})) or m.params @> jsonb_build_object('firstImage', ${uploads.id}::text) or m.params @> jsonb_build_object('lastImage', ${uploads.id}::text) or m.params @> jsonb_build_object('personImage', ${uploads.id}::text) or m.params @> jsonb_build_object('garmentImage', ${uploads.id}::text)))`;

const IMAGE_FIELDS = ["firstImage", "lastImage", "personImage", "garmentImage"] as const;

/** The uploads this media uses that no other media of the team does (in the library or the Trash). */
export async function uploadsOnlyUsedBy(db: DbOrTx, teamId: string, mediaId: string, storage: "local" | "uploadthing") {
  const [m] = await db
    .select({ inputs: media.inputs, params: media.params })
    .from(media)
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)));
  if (!m) return [];
  // Its own references first (an index lookup), so the scan for other users covers one or two rows.
  const keys = m.inputs.map((i) => i.key).filter((k): k is string => typeof k === "string");
  const ids = IMAGE_FIELDS.map((f) => m.params[f]).filter(isUuid);
  if (keys.length === 0 && ids.length === 0) return [];
  return db
    .select({ id: uploads.id, storageKey: uploads.storageKey, thumbnailKey: uploads.thumbnailKey })
    .from(uploads)
    .where(
      and(
        eq(uploads.teamId, teamId),
        eq(uploads.storage, storage),
        or(
          keys.length ? inArray(uploads.storageKey, keys) : undefined,
          ids.length ? inArray(uploads.id, ids) : undefined,
        ),
        sql`not ${referencedBy(sql`m.id <> ${mediaId}::uuid`)}`,
      ),
    );
}

/**
 * Deletes the media row (its copies, versions, comments and links go with it) once its files are
 * gone, refunding a reservation never spent (a render still waiting its turn), and then those of
 * `uploadIds` nothing refers to any more. Only while still due and holding no copy but `assetIds`
 * (a copy claimed since the files were listed has a file of its own: the next pass takes it).
 */
export async function deletePurgedMedia(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  before: Date,
  assetIds: string[],
  uploadIds: string[],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const newer = sql`exists (select 1 from media_assets a where a.media_id = ${media.id}${
      assetIds.length
        ? sql` and a.id not in (${sql.join(
            assetIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql``
    })`;
    const due = and(eq(media.teamId, teamId), eq(media.id, mediaId), lte(media.deletedAt, before), sql`not ${newer}`);
    const [row] = await tx.select({ id: media.id }).from(media).where(due).for("update");
    if (!row) return false;
    await tx
      .update(creditLedger)
      .set({ state: "refunded", refundedAt: new Date() })
      .where(
        and(eq(creditLedger.teamId, teamId), eq(creditLedger.mediaId, mediaId), eq(creditLedger.state, "reserved")),
      );
    await tx.delete(media).where(and(eq(media.teamId, teamId), eq(media.id, mediaId)));
    if (uploadIds.length)
      await tx
        .delete(uploads)
        .where(and(eq(uploads.teamId, teamId), inArray(uploads.id, uploadIds), sql`not ${referencedBy(sql`true`)}`));
    return true;
  });
}
