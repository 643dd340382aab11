import { and, asc, gt, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { currentCopies, expectedCopies, media } from "../media-schema";

// The background pass's own questions: which finished media still lack copies, and is there any
// work at all. Both read small partial indexes only, so their cost follows what is pending, never
// how many media every team has.
//
// "Copies pending" is media.next_copy_at being set: the finish of a version sets it (due at once),
// a failed copy run pushes it back, a complete run clears it. Scanning finished media and counting
// their stored copies instead cost 300 ms at 100,000 media, every pass, idle or not.

/** Marked as pending, due, within the copy window and the attempt limit: what the reconciler retries. */
const duePending = (finishedSince: Date, maxAttempts: number) =>
  and(
    isNotNull(media.nextCopyAt),
    lte(media.nextCopyAt, sql`now()`),
    sql`${media.status} = 'success'`,
    isNotNull(media.upstreamId),
    gt(media.finishedAt, finishedSince),
    Number.isFinite(maxAttempts) ? lt(media.copyAttempts, maxAttempts) : undefined,
  );

/**
 * Finished media of the last days whose copies are pending and due, which have not failed
 * `maxAttempts` times and were not synced since `notSince`, the longest waiting first.
 */
export async function listMissingAssets(
  db: DbOrTx,
  limit: number,
  finishedSince: Date,
  notSince: Date,
  maxAttempts = Number.POSITIVE_INFINITY,
): Promise<{ id: string; teamId: string }[]> {
  return db
    .select({ id: media.id, teamId: media.teamId })
    .from(media)
    .where(
      and(
        duePending(finishedSince, maxAttempts),
        or(isNull(media.syncedAt), lt(media.syncedAt, notSince)),
        // Counted on the few marked rows only: a marker whose copies all exist is cleared below.
        sql`${currentCopies} < ${expectedCopies}`,
      ),
    )
    .orderBy(asc(media.nextCopyAt))
    .limit(limit);
}

/**
 * Clears the markers that need no more passes: copies all stored (a run that completed without
 * clearing it), or given up on (out of the copy window, out of attempts, no longer a finished
 * video). A notice or a page visit may still copy those; the reconciler no longer looks.
 */
export async function clearSettledMarkers(
  db: DbOrTx,
  finishedSince: Date,
  maxAttempts = Number.POSITIVE_INFINITY,
): Promise<number> {
  const rows = await db
    .update(media)
    .set({ nextCopyAt: null })
    .where(
      and(
        isNotNull(media.nextCopyAt),
        lte(media.nextCopyAt, sql`now()`),
        or(sql`not (${duePending(finishedSince, maxAttempts)})`, sql`${currentCopies} >= ${expectedCopies}`),
      ),
    )
    .returning({ id: media.id });
  return rows.length;
}

export type WorkCheck = {
  /** A render presumed gone since then is still looked at. */
  goneSince: Date;
  /** Media in the Trash since this or before are due for the purge. */
  trashedBefore: Date;
};

/**
 * Whether a background pass has anything to do: a render in flight or unresolved, a render
 * waiting its turn, copies due, a media due for the purge, a team being deleted. One round trip,
 * each branch an EXISTS on a partial index (false in well under a millisecond when idle).
 */
export async function hasBackgroundWork(db: DbOrTx, at: WorkCheck): Promise<boolean> {
  const rows = await db.execute<{ work: boolean }>(sql`select
    exists (select 1 from media where status in ('queued', 'processing'))
    or exists (select 1 from media where submitting_at is not null
      or presumed_gone_at > ${at.goneSince.toISOString()}::timestamptz)
    or exists (select 1 from media where waiting_since is not null and status = 'waiting' and deleted_at is null)
    or exists (select 1 from media where next_copy_at is not null and next_copy_at <= now())
    or exists (select 1 from media where deleted_at is not null
      and deleted_at <= ${at.trashedBefore.toISOString()}::timestamptz)
    or exists (select 1 from teams where deleting_at is not null) as work`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { work: boolean }[] }).rows;
  return Boolean(list[0]?.work);
}
