import { and, asc, eq, inArray, isNotNull, isNull, notInArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { activity, collections, notifications, shareLinks } from "../library-schema";
import { creditLedger, media, mediaAssets, uploads } from "../media-schema";
import { invitations, memberships, teams, teamVimmerseKeys } from "../schema";

// A team being deleted: marked at once (unreachable, slug freed), then emptied in batches by the
// purge and finally removed. Every batch runs under the team row's FOR UPDATE lock, taken with
// SKIP LOCKED: two purges never work on one team at once, and no copy can claim a new file for it
// meanwhile (inserting a row that references the team needs a key-share lock on it).

/** `= any($1::uuid[])`: one parameter and one plan, however many ids (the ids come from the database). */
const anyOf = (ids: string[]): SQL => sql`any(${`{${ids.join(",")}}`}::uuid[])`;

/** The team, only while not being deleted (its name is what the owner must type). */
export async function findLiveTeam(db: DbOrTx, teamId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.id, teamId), isNull(teams.deletingAt)));
  return row ?? null;
}

/**
 * Marks the team deleted, if it still has this name and is not already going: it frees the
 * slug, drops what lets anyone in (invitations, share links) and takes every render still
 * waiting to be sent out of the line (as the Trash does), all in one transaction.
 */
export async function markTeamDeleting(db: DbOrTx, teamId: string, by: string, name: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(teams)
      .set({ deletingAt: sql`now()`, deletingBy: by, slug: sql`'deleted-' || ${teams.id}`, updatedAt: new Date() })
      .where(and(eq(teams.id, teamId), eq(teams.name, name), isNull(teams.deletingAt)))
      .returning({ id: teams.id });
    if (rows.length === 0) return false;
    await tx.delete(invitations).where(eq(invitations.teamId, teamId));
    await tx.delete(shareLinks).where(eq(shareLinks.teamId, teamId));
    // The same rows claimSubmission could still take (media_team_status_idx).
    await tx
      .update(media)
      .set({ deletedAt: sql`now()`, deletedBy: by })
      .where(
        and(
          eq(media.teamId, teamId),
          inArray(media.status, ["not_submitted", "waiting"]),
          isNull(media.upstreamId),
          isNull(media.deletedAt),
        ),
      );
    return true;
  });
}

/** The oldest team being deleted that no other purge holds (nor `skip`), locked until the transaction ends. */
export async function lockDeletingTeam(tx: DbOrTx, skip: string[] = []): Promise<string | null> {
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(isNotNull(teams.deletingAt), skip.length ? notInArray(teams.id, skip) : undefined))
    .orderBy(asc(teams.deletingAt), asc(teams.id))
    .limit(1)
    .for("update", { skipLocked: true });
  return row?.id ?? null;
}

export async function hasDeletingTeams(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(isNotNull(teams.deletingAt)).limit(1);
  return Boolean(row);
}

/**
 * Up to `limit` of the team's media, leaving out any with a copy being written right now (an
 * unfinished claim younger than `claimsSince`: its file may land after we delete): a later
 * batch takes them. Returns their stored files too (copies and the media's own poster).
 */
export async function mediaBatchOf(
  tx: DbOrTx,
  teamId: string,
  limit: number,
  claimsSince: Date,
): Promise<{ ids: string[]; keys: string[]; left: boolean }> {
  const copying = sql`exists (select 1 from media_assets a where a.media_id = ${media.id} and a.bytes is null and a.created_at > ${claimsSince.toISOString()}::timestamptz)`;
  // SKIP LOCKED: a media a webhook or the reconciler is syncing right now is left for a later
  // batch. Waiting for it while holding the team would deadlock: the sync, holding the media row,
  // writes an activity line, whose foreign key needs a share lock on this team's row.
  const rows = await tx
    .select({ id: media.id, posterKey: media.posterKey })
    .from(media)
    .where(and(eq(media.teamId, teamId), sql`not ${copying}`))
    .limit(limit)
    .for("update", { skipLocked: true });
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) {
    const [held] = await tx.select({ id: media.id }).from(media).where(eq(media.teamId, teamId)).limit(1);
    return { ids, keys: [], left: Boolean(held) };
  }
  const assets = await tx
    .select({ key: mediaAssets.storageKey })
    .from(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), sql`${mediaAssets.mediaId} = ${anyOf(ids)}`));
  const posters = rows.flatMap((r) => (r.posterKey ? [r.posterKey] : []));
  return { ids, keys: [...assets.map((a) => a.key), ...posters], left: true };
}

/**
 * Deletes the media rows, set-based: their ledger and activity lines first (they would only be
 * set null one by one otherwise), then the media, whose versions, copies, comments, favourites
 * and the rest follow through their indexed foreign keys.
 */
export async function deleteMediaBatch(tx: DbOrTx, teamId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  await tx
    .delete(creditLedger)
    .where(and(eq(creditLedger.teamId, teamId), sql`${creditLedger.mediaId} = ${anyOf(ids)}`));
  await tx.delete(activity).where(and(eq(activity.teamId, teamId), sql`${activity.mediaId} = ${anyOf(ids)}`));
  const gone = await tx
    .delete(media)
    .where(and(eq(media.teamId, teamId), sql`${media.id} = ${anyOf(ids)}`))
    .returning({ id: media.id });
  return gone.length;
}

/** Up to `limit` of the team's uploads, with the store each file is in. */
export async function uploadBatchOf(tx: DbOrTx, teamId: string, limit: number) {
  return tx
    .select({
      id: uploads.id,
      storage: uploads.storage,
      storageKey: uploads.storageKey,
      thumbnailKey: uploads.thumbnailKey,
    })
    .from(uploads)
    .where(eq(uploads.teamId, teamId))
    .limit(limit);
}

export async function deleteUploads(tx: DbOrTx, teamId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const gone = await tx
    .delete(uploads)
    .where(and(eq(uploads.teamId, teamId), sql`${uploads.id} = ${anyOf(ids)}`))
    .returning({ id: uploads.id });
  return gone.length;
}

/**
 * The last step, once the team has no media and no uploads: what is left is small (team-level
 * activity and ledger lines, collections, notifications, the key, members), then the team row.
 */
export async function deleteEmptyTeam(tx: DbOrTx, teamId: string): Promise<boolean> {
  await tx.delete(notifications).where(eq(notifications.teamId, teamId));
  await tx.delete(activity).where(eq(activity.teamId, teamId));
  await tx.delete(creditLedger).where(eq(creditLedger.teamId, teamId));
  await tx.delete(collections).where(eq(collections.teamId, teamId));
  await tx.delete(teamVimmerseKeys).where(eq(teamVimmerseKeys.teamId, teamId));
  await tx.delete(invitations).where(eq(invitations.teamId, teamId));
  await tx.delete(memberships).where(eq(memberships.teamId, teamId));
  const gone = await tx
    .delete(teams)
    .where(and(eq(teams.id, teamId), isNotNull(teams.deletingAt)))
    .returning({ id: teams.id });
  return gone.length > 0;
}
