import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { type MediaInput, type MediaStatus, media, mediaGenerations } from "../media-schema";

// The media table, one row at a time. Every function that a signed-in user's request reaches
// takes the team: another team's media answers exactly like an unknown id. The rules (which
// state may follow which) are the caller's, in lib/media; conditions here only make a write
// conditional on what the caller saw, so two writers cannot both win.

export type Media = typeof media.$inferSelect;
const mediaOf = (teamId: string, mediaId: string) => and(eq(media.teamId, teamId), eq(media.id, mediaId));

/** A team's media by id; another team's id answers null, exactly like an unknown one. */
export async function getMediaForTeam(db: DbOrTx, teamId: string, mediaId: string): Promise<Media | null> {
  if (!isUuid(mediaId)) return null;
  const [row] = await db.select().from(media).where(mediaOf(teamId, mediaId)).limit(1);
  return row ?? null;
}

/** System read for the sync (the caller got the id from a secret or the reconciler's list). */
export async function getMediaById(db: DbOrTx, mediaId: string): Promise<Media | null> {
  if (!isUuid(mediaId)) return null;
  const [row] = await db.select().from(media).where(eq(media.id, mediaId)).limit(1);
  return row ?? null;
}

export type WebhookTarget = Pick<
  Media,
  "id" | "teamId" | "status" | "upstreamId" | "webhookSecretHash" | "bulletVersion"
>;

/** The media a webhook secret belongs to, by the hash's unique index. */
export async function findMediaByWebhookHash(db: DbOrTx, hash: string): Promise<WebhookTarget | null> {
  const [row] = await db
    .select({
      id: media.id,
      teamId: media.teamId,
      status: media.status,
      upstreamId: media.upstreamId,
      webhookSecretHash: media.webhookSecretHash,
      bulletVersion: media.bulletVersion,
    })
    .from(media)
    .where(eq(media.webhookSecretHash, hash))
    .limit(1);
  return row ?? null;
}

// ---- create and submit ---------------------------------------------------------------------

export type NewMedia = {
  teamId: string;
  createdBy: string;
  title: string;
  description: string;
  visibility: string;
  motionType: string;
  params: Record<string, unknown>;
  inputs: MediaInput[];
  webhookSecretHash: string;
  idempotencyKey: string;
};

/**
 * Records a media and its first generation, once per (team, idempotency key): a double click or
 * a retried request gets the media the first one made, with created=false.
 */
export async function createMediaOnce(db: DbOrTx, row: NewMedia): Promise<{ media: Media; created: boolean }> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(media)
      .values({ ...row, status: "not_submitted" })
      .onConflictDoNothing({ target: [media.teamId, media.idempotencyKey] })
      .returning();
    if (inserted) {
      await tx.insert(mediaGenerations).values({
        mediaId: inserted.id,
        teamId: row.teamId,
        number: 1,
        kind: "create",
        requestedBy: row.createdBy,
        params: row.params,
      });
      return { media: inserted, created: true };
    }
    const [existing] = await tx
      .select()
      .from(media)
      .where(and(eq(media.teamId, row.teamId), eq(media.idempotencyKey, row.idempotencyKey)))
      .limit(1);
    if (!existing) throw new Error("media vanished while being recorded");
    return { media: existing, created: false };
  });
}

/** Not submitted, and no create call in flight (or only one marked before `staleBefore`). */
const unsubmitted = (staleBefore: Date) =>
  and(
    eq(media.status, "not_submitted"),
    isNull(media.upstreamId),
    or(isNull(media.submittingAt), lt(media.submittingAt, staleBefore)),
  );

/**
 * A resent form whose media never reached upstream takes the form's new values; media already
 * submitted, or being submitted right now, are left alone.
 */
export async function updateUnsubmittedMedia(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  row: Pick<NewMedia, "title" | "description" | "visibility" | "motionType" | "params" | "inputs">,
  staleBefore: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(media)
      .set({ ...row, updatedAt: new Date() })
      .where(and(mediaOf(teamId, mediaId), unsubmitted(staleBefore)))
      .returning({ id: media.id });
    if (updated.length === 0) return false;
    await tx.update(mediaGenerations).set({ params: row.params }).where(pendingGeneration(teamId, mediaId));
    return true;
  });
}

const pendingGeneration = (teamId: string, mediaId: string) =>
  and(
    eq(mediaGenerations.teamId, teamId),
    eq(mediaGenerations.mediaId, mediaId),
    eq(mediaGenerations.status, "not_submitted"),
  );

/**
 * Takes the right to call upstream for a media not yet submitted, by swapping its webhook secret
 * hash (compare-and-set) and marking the call in flight: of two concurrent submits only one wins,
 * and one that starts while the first is still waiting on upstream loses too.
 */
export async function claimSubmission(
  db: DbOrTx,
  claim: { teamId: string; mediaId: string; expectedHash: string; newHash: string; staleBefore: Date },
): Promise<boolean> {
  const now = new Date();
  const rows = await db
    .update(media)
    .set({ webhookSecretHash: claim.newHash, submittingAt: now, updatedAt: now })
    .where(
      and(
        mediaOf(claim.teamId, claim.mediaId),
        eq(media.webhookSecretHash, claim.expectedHash),
        unsubmitted(claim.staleBefore),
      ),
    )
    .returning({ id: media.id });
  return rows.length === 1;
}

export type SubmitOutcome =
  | {
      ok: true;
      upstreamId: string;
      upstream: unknown;
      status: MediaStatus;
      progress: number;
      bulletVersion: string | null;
      serviceName?: string | null;
      serviceVersion?: string | null;
      finished: boolean;
    }
  | { ok: false; error: string };

/**
 * Stores what upstream answered, on the media and on its pending generation, only while the
 * media still carries `claimHash`: a submitter whose claim was taken over writes nothing. False then.
 */
export async function recordSubmitOutcome(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  claimHash: string,
  outcome: SubmitOutcome,
): Promise<boolean> {
  const now = new Date();
  const holder = and(mediaOf(teamId, mediaId), eq(media.webhookSecretHash, claimHash));
  return db.transaction(async (tx) => {
    const written = outcome.ok
      ? await tx
          .update(media)
          .set({
            upstreamId: outcome.upstreamId,
            upstream: outcome.upstream,
            status: outcome.status,
            progress: outcome.progress,
            bulletVersion: outcome.bulletVersion,
            serviceName: outcome.serviceName ?? null,
            serviceVersion: outcome.serviceVersion ?? null,
            lastError: null,
            submittingAt: null,
            syncedAt: now,
            updatedAt: now,
            finishedAt: outcome.finished ? now : null,
          })
          .where(holder)
          .returning({ id: media.id })
      : await tx
          .update(media)
          .set({ lastError: outcome.error, submittingAt: null, updatedAt: now })
          .where(and(holder, eq(media.status, "not_submitted")))
          .returning({ id: media.id });
    if (written.length === 0) return false;
    await tx
      .update(mediaGenerations)
      .set(
        outcome.ok
          ? {
              status: outcome.status,
              error: null,
              bulletVersion: outcome.bulletVersion,
              serviceName: outcome.serviceName ?? null,
              serviceVersion: outcome.serviceVersion ?? null,
            }
          : { error: outcome.error },
      )
      .where(pendingGeneration(teamId, mediaId));
    return true;
  });
}

// ---- details and new generations -----------------------------------------------------------

export type DetailsPatch = { title: string; description: string; rating: string | null; visibility: "0" | "1" | "2" };

/** The free fields; also written into params so a retry or a remix uses them. */
export async function updateMediaDetails(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  p: DetailsPatch,
): Promise<boolean> {
  const rows = await db
    .update(media)
    .set({
      title: p.title,
      description: p.description,
      rating: p.rating,
      visibility: p.visibility,
      params: sql`${media.params} || ${JSON.stringify({ title: p.title, description: p.description, visibility: p.visibility })}::jsonb`,
      updatedAt: new Date(),
    })
    .where(mediaOf(teamId, mediaId))
    .returning({ id: media.id });
  return rows.length === 1;
}

export type Reopened = { status: MediaStatus; progress: number; upstreamId: string; syncedAt: Date | null };

/**
 * Moves a media in one of the `from` states to "queued" in one conditional update, so of two
 * clicks (or two members) only one goes on to upstream. Null when it is in no such state, has
 * never reached upstream, or is not the team's.
 */
export async function reopenMedia(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  from: readonly MediaStatus[],
): Promise<Reopened | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: media.status,
        progress: media.progress,
        upstreamId: media.upstreamId,
        syncedAt: media.syncedAt,
      })
      .from(media)
      .where(mediaOf(teamId, mediaId))
      .for("update");
    if (!row?.upstreamId || !from.includes(row.status)) return null;
    await tx
      .update(media)
      // Counted as just checked: a sync now would read the old, finished state back in.
      .set({ status: "queued", progress: 0, updatedAt: new Date(), syncedAt: new Date() })
      .where(mediaOf(teamId, mediaId));
    return { status: row.status, progress: row.progress, upstreamId: row.upstreamId, syncedAt: row.syncedAt };
  });
}

/** Puts a reopened media back how it was, unless a sync has moved it meanwhile. */
export async function undoReopen(db: DbOrTx, teamId: string, mediaId: string, was: Reopened): Promise<void> {
  await db
    .update(media)
    .set({ status: was.status, progress: was.progress, syncedAt: was.syncedAt })
    .where(and(mediaOf(teamId, mediaId), inArray(media.status, ["queued"])));
}

// ---- the sync's writes -----------------------------------------------------------------------

export type MediaStateRow = Pick<Media, "status" | "progress" | "bulletVersion">;

/** The media's state, row-locked until the transaction ends (null when it is gone). */
export async function lockMediaState(tx: DbOrTx, teamId: string, mediaId: string): Promise<MediaStateRow | null> {
  const [row] = await tx
    .select({ status: media.status, progress: media.progress, bulletVersion: media.bulletVersion })
    .from(media)
    .where(mediaOf(teamId, mediaId))
    .for("update");
  return row ?? null;
}

export type MediaStateWrite = {
  status: MediaStatus;
  progress: number;
  upstream: unknown;
  serviceName: string | null;
  serviceVersion: string | null;
  bulletVersion: string | null;
  finishedAt: Date | null;
  /** Set when something a viewer sees changed. */
  updatedAt?: Date;
};

/** Writes a state the caller decided on (under lockMediaState), and the time it looked. */
export async function writeMediaState(
  tx: DbOrTx,
  teamId: string,
  mediaId: string,
  s: MediaStateWrite,
  now: Date,
): Promise<void> {
  await tx
    .update(media)
    .set({
      status: s.status,
      progress: s.progress,
      upstream: s.upstream,
      ...(s.serviceName ? { serviceName: s.serviceName } : {}),
      ...(s.serviceVersion ? { serviceVersion: s.serviceVersion } : {}),
      bulletVersion: s.bulletVersion,
      finishedAt: s.finishedAt,
      syncedAt: now,
      ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
    })
    .where(mediaOf(teamId, mediaId));
}

/** A look upstream that changed nothing (or failed) still counts: the reconciler moves on to older ones. */
export async function touchSynced(db: DbOrTx, teamId: string, mediaId: string, now = new Date()): Promise<void> {
  await db.update(media).set({ syncedAt: now }).where(mediaOf(teamId, mediaId));
}
