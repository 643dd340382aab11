import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { media, mediaAssets, mediaGenerations, type MediaInput, type MediaStatus } from "../media-schema";
import type { Media } from "./media";

// Writes of the Create flow. Every function takes the team: a media of another team is never
// touched, and reads of it answer like an unknown id.

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

/**
 * A create call still marked in flight after this long is taken to have died with its process
 * (the client gives up well before: 30 s a try), so the media can be submitted again.
 */
export const SUBMISSION_STALE_MS = 5 * 60_000;

/**
 * Takes the right to call upstream for a media not yet submitted, by swapping its webhook secret
 * hash (compare-and-set) and marking the call in flight: of two concurrent submits only one wins,
 * and one that starts while the first is still waiting on upstream loses too, so upstream sees
 * one create. recordSubmitOutcome clears the mark.
 */
export async function claimSubmission(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  expectedHash: string,
  newHash: string,
): Promise<boolean> {
  const now = new Date();
  const rows = await db
    .update(media)
    .set({ webhookSecretHash: newHash, submittingAt: now, updatedAt: now })
    .where(
      and(
        eq(media.teamId, teamId),
        eq(media.id, mediaId),
        eq(media.webhookSecretHash, expectedHash),
        eq(media.status, "not_submitted"),
        isNull(media.upstreamId),
        notSubmitting(now),
      ),
    )
    .returning({ id: media.id });
  return rows.length === 1;
}

/** No create call upstream in flight (or only one that died long ago). */
const notSubmitting = (now: Date) =>
  or(isNull(media.submittingAt), lt(media.submittingAt, new Date(now.getTime() - SUBMISSION_STALE_MS)));

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
    }
  | { ok: false; error: string };

/**
 * Stores what upstream answered, on the media and on its pending generation, only while the
 * media still carries `claimHash` (the webhook secret hash its submitter claimed it with, or
 * read before claiming): a submitter whose claim was taken over writes nothing. False then.
 */
export async function recordSubmitOutcome(db: DbOrTx, teamId: string, mediaId: string, claimHash: string, outcome: SubmitOutcome): Promise<boolean> {
  const now = new Date();
  const holder = and(eq(media.teamId, teamId), eq(media.id, mediaId), eq(media.webhookSecretHash, claimHash));
  return db.transaction(async (tx) => {
    let written: { id: string }[];
    if (outcome.ok) {
      written = await tx
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
          finishedAt: ["success", "fail", "cancel"].includes(outcome.status) ? now : null,
        })
        .where(holder)
        .returning({ id: media.id });
    } else {
      written = await tx
        .update(media)
        .set({ lastError: outcome.error, submittingAt: null, updatedAt: now })
        .where(and(holder, eq(media.status, "not_submitted")))
        .returning({ id: media.id });
    }
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
      .where(
        and(
          eq(mediaGenerations.teamId, teamId),
          eq(mediaGenerations.mediaId, mediaId),
          eq(mediaGenerations.status, "not_submitted"),
        ),
      );
    return true;
  });
}

export type ExtendableVideo = {
  assetId: string;
  mediaId: string;
  title: string;
  variantKey: string;
  storageKey: string;
  createdAt: Date;
};

/** The team's finished videos the app holds its own copy of: the ones upstream can be sent. */
export async function listExtendableVideos(db: DbOrTx, teamId: string, limit = 50): Promise<ExtendableVideo[]> {
  return db
    .select({
      assetId: mediaAssets.id,
      mediaId: media.id,
      title: media.title,
      variantKey: mediaAssets.variantKey,
      storageKey: mediaAssets.storageKey,
      createdAt: mediaAssets.createdAt,
    })
    .from(mediaAssets)
    .innerJoin(media, and(eq(media.id, mediaAssets.mediaId), eq(media.teamId, teamId)))
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.kind, "mp4"), eq(media.status, "success")))
    .orderBy(desc(mediaAssets.createdAt))
    .limit(limit);
}

/** How many finished videos the team has: to tell "no videos yet" from "no copies yet". */
export async function countFinishedMedia(db: DbOrTx, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(media)
    .where(and(eq(media.teamId, teamId), eq(media.status, "success")));
  return row?.n ?? 0;
}

export async function getExtendableVideo(db: DbOrTx, teamId: string, assetId: string): Promise<ExtendableVideo | null> {
  if (!/^[0-9a-f-]{36}$/i.test(assetId)) return null;
  const [row] = await db
    .select({
      assetId: mediaAssets.id,
      mediaId: media.id,
      title: media.title,
      variantKey: mediaAssets.variantKey,
      storageKey: mediaAssets.storageKey,
      createdAt: mediaAssets.createdAt,
    })
    .from(mediaAssets)
    .innerJoin(media, and(eq(media.id, mediaAssets.mediaId), eq(media.teamId, teamId)))
    .where(and(eq(mediaAssets.teamId, teamId), eq(mediaAssets.id, assetId), eq(mediaAssets.kind, "mp4"), eq(media.status, "success")))
    .limit(1);
  return row ?? null;
}

/**
 * A resent form (same idempotency key) whose media never reached upstream takes the form's new
 * values: the user fixed what upstream refused. Media already submitted, or being submitted
 * right now, are left alone.
 */
export async function updateUnsubmittedMedia(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  row: Pick<NewMedia, "title" | "description" | "visibility" | "motionType" | "params" | "inputs">,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(media)
      .set({ ...row, updatedAt: new Date() })
      .where(and(eq(media.teamId, teamId), eq(media.id, mediaId), eq(media.status, "not_submitted"), isNull(media.upstreamId), notSubmitting(new Date())))
      .returning({ id: media.id });
    if (updated.length === 0) return false;
    await tx
      .update(mediaGenerations)
      .set({ params: row.params })
      .where(and(eq(mediaGenerations.teamId, teamId), eq(mediaGenerations.mediaId, mediaId), eq(mediaGenerations.status, "not_submitted")));
    return true;
  });
}
