import { and, count, eq, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import {
  type MediaInput,
  type MediaStatus,
  media,
  mediaGenerations,
  type PendingBaseline,
  SLOT_STATUSES,
} from "../media-schema";
import { teams } from "../schema";

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

/** Recorded and never sent (or refused for sure): the only state a create call may start from. */
const unsubmitted = and(eq(media.status, "not_submitted"), isNull(media.upstreamId));

/**
 * A resent form whose media never reached upstream takes the form's new values; media already
 * submitted, or whose call is out or unresolved, are left alone.
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
      .where(and(mediaOf(teamId, mediaId), unsubmitted))
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
    inArray(mediaGenerations.status, ["not_submitted", "waiting", "checking"]),
  );

/** A media sent, or refused for good, has left the line of waiting renders. */
const leftTheLine = { waitingSince: null, sendAfter: null, sendAttempts: 0 };

/** Recorded and not sent: never submitted, or waiting its turn; never from the Trash. */
const claimable = and(
  inArray(media.status, ["not_submitted", "waiting"]),
  isNull(media.upstreamId),
  isNull(media.deletedAt),
);

export type Claim = {
  teamId: string;
  mediaId: string;
  expectedHash: string;
  newHash: string;
  resendBefore?: Date;
  /** Renders the team may have in flight; at that many the media waits its turn instead. */
  maxActive?: number;
};

/**
 * Takes the right to call upstream for a media, by swapping its webhook secret hash
 * (compare-and-set) and moving it to "checking" (the call is out, its answer unknown): of two
 * concurrent submits only one wins, and one that starts while the first is still out loses too.
 * A media still checking is taken again only when `resendBefore` is given (the person chose to
 * send again after the wait) and its call went out before then.
 *
 * With `maxActive`, the team row is locked while its renders in flight are counted, so two
 * claims cannot both take the last slot: with no slot free, or an older media of the team due
 * first, the media is put in line ("waiting") instead. "taken": someone else holds it.
 */
export async function claimSubmission(db: DbOrTx, claim: Claim): Promise<"claimed" | "waiting" | "taken"> {
  const now = new Date();
  const target = and(mediaOf(claim.teamId, claim.mediaId), eq(media.webhookSecretHash, claim.expectedHash));
  const from = claim.resendBefore
    ? or(
        claimable,
        and(eq(media.status, "checking"), isNull(media.upstreamId), lt(media.submittingAt, claim.resendBefore)),
      )
    : claimable;
  return db.transaction(async (tx) => {
    if (claim.maxActive !== undefined && !claim.resendBefore && !(await slotFree(tx, claim, now))) {
      const rows = await tx
        .update(media)
        .set({ status: "waiting", waitingSince: sql`coalesce(${media.waitingSince}, now())`, updatedAt: now })
        .where(and(target, claimable))
        .returning({ id: media.id });
      if (rows.length === 0) return "taken";
      await tx
        .update(mediaGenerations)
        .set({ status: "waiting" })
        .where(pendingGeneration(claim.teamId, claim.mediaId));
      return "waiting";
    }
    const rows = await tx
      .update(media)
      .set({ webhookSecretHash: claim.newHash, status: "checking", submittingAt: now, lastError: null, updatedAt: now })
      .where(and(target, from))
      .returning({ id: media.id });
    if (rows.length === 0) return "taken";
    await tx.update(mediaGenerations).set({ status: "checking" }).where(pendingGeneration(claim.teamId, claim.mediaId));
    return "claimed";
  });
}

/** The team's renders in flight; with `lock`, counted under the team row's lock (one claimant at a time). */
async function activeRenders(tx: DbOrTx, teamId: string, lock: boolean): Promise<number> {
  // NO KEY UPDATE, as the ledger's reservations take it.
  if (lock) await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for("no key update");
  const [active] = await tx
    .select({ n: count() })
    .from(media)
    .where(and(eq(media.teamId, teamId), inArray(media.status, [...SLOT_STATUSES])));
  return active?.n ?? 0;
}

/** Under the team's lock: a render slot is free and no older media of the team is due before this one. */
async function slotFree(tx: DbOrTx, claim: Claim, now: Date): Promise<boolean> {
  const active = await activeRenders(tx, claim.teamId, true);
  const [self] = await tx
    .select({ waitingSince: media.waitingSince, sendAfter: media.sendAfter })
    .from(media)
    .where(mediaOf(claim.teamId, claim.mediaId));
  if (self?.sendAfter && self.sendAfter > now) return false;
  if (active >= (claim.maxActive ?? Number.POSITIVE_INFINITY)) return false;
  const [ahead] = await tx
    .select({ id: media.id })
    .from(media)
    .where(
      and(
        eq(media.teamId, claim.teamId),
        isNotNull(media.waitingSince),
        eq(media.status, "waiting"),
        ne(media.id, claim.mediaId),
        lt(media.waitingSince, self?.waitingSince ?? now),
        or(isNull(media.sendAfter), lte(media.sendAfter, now)),
      ),
    )
    .limit(1);
  return !ahead;
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
  /** Refused for sure (nothing was made): back to not submitted. */
  | { ok: false; error: string }
  /** The answer was lost: the media stays "checking" until upstream's own evidence settles it. */
  | { ok: false; unclear: true; error: string }
  /** Upstream asked to slow down (429, nothing made): back in line, not sent before `retryAt`. */
  | { ok: false; retryAt: Date; error: string };

/**
 * Stores what became of a create call, on the media and on its pending generation, only while
 * the media still carries `claimHash` and has no upstream id: a submitter whose claim was taken
 * over, or a second adoption, writes nothing. False then.
 */
export async function recordSubmitOutcome(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  claimHash: string,
  outcome: SubmitOutcome,
): Promise<boolean> {
  const now = new Date();
  const holder = and(mediaOf(teamId, mediaId), eq(media.webhookSecretHash, claimHash), isNull(media.upstreamId));
  return db.transaction(async (tx) => {
    let generation: Partial<typeof mediaGenerations.$inferInsert>;
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
          candidateUpstreamId: null,
          ...leftTheLine,
          syncedAt: now,
          updatedAt: now,
          finishedAt: outcome.finished ? now : null,
        })
        .where(holder)
        .returning({ id: media.id });
      generation = {
        status: outcome.status,
        error: null,
        bulletVersion: outcome.bulletVersion,
        serviceName: outcome.serviceName ?? null,
        serviceVersion: outcome.serviceVersion ?? null,
      };
    } else if ("unclear" in outcome) {
      written = await tx
        .update(media)
        .set({ lastError: outcome.error, updatedAt: now })
        .where(and(holder, eq(media.status, "checking")))
        .returning({ id: media.id });
      generation = { error: null };
    } else if ("retryAt" in outcome) {
      written = await tx
        .update(media)
        .set({
          status: "waiting",
          lastError: outcome.error,
          submittingAt: null,
          waitingSince: sql`coalesce(${media.waitingSince}, now())`,
          sendAfter: outcome.retryAt,
          sendAttempts: sql`${media.sendAttempts} + 1`,
          updatedAt: now,
        })
        .where(and(holder, eq(media.status, "checking")))
        .returning({ id: media.id });
      generation = { status: "waiting", error: null };
    } else {
      written = await tx
        .update(media)
        .set({ status: "not_submitted", lastError: outcome.error, submittingAt: null, ...leftTheLine, updatedAt: now })
        .where(and(holder, inArray(media.status, ["not_submitted", "waiting", "checking"])))
        .returning({ id: media.id });
      generation = { status: "not_submitted", error: outcome.error };
    }
    if (written.length === 0) return false;
    await tx.update(mediaGenerations).set(generation).where(pendingGeneration(teamId, mediaId));
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
 * Moves a media in one of the `from` states to "checking" (a paid call is about to go out) in one
 * conditional update, so of two clicks (or two members) only one goes on to upstream; what it
 * was is kept as the baseline a new version is told apart from. Null when it is in no such
 * state, has never reached upstream, or is not the team's.
 */
export async function reopenMedia(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  from: readonly MediaStatus[],
  historyLength: (upstream: unknown) => number,
  /** Renders the team may have in flight: at that many, "full" and nothing changes. */
  maxActive?: number,
): Promise<Reopened | null | "full"> {
  return db.transaction(async (tx) => {
    if (maxActive !== undefined && (await activeRenders(tx, teamId, true)) >= maxActive) return "full";
    const [row] = await tx
      .select({
        status: media.status,
        progress: media.progress,
        upstreamId: media.upstreamId,
        syncedAt: media.syncedAt,
        bulletVersion: media.bulletVersion,
        upstream: media.upstream,
        deletedAt: media.deletedAt,
      })
      .from(media)
      .where(mediaOf(teamId, mediaId))
      .for("update");
    // Nothing is rendered again from the Trash.
    if (!row?.upstreamId || !from.includes(row.status) || row.deletedAt) return null;
    const now = new Date();
    const baseline: PendingBaseline = {
      status: row.status,
      progress: row.progress,
      syncedAt: row.syncedAt?.toISOString() ?? null,
      bulletVersion: row.bulletVersion,
      historyLength: historyLength(row.upstream),
    };
    await tx
      .update(media)
      // Counted as just checked: a sync now would read the old, finished state back in.
      .set({
        status: "checking",
        progress: 0,
        submittingAt: now,
        pendingBaseline: baseline,
        updatedAt: now,
        syncedAt: now,
      })
      .where(mediaOf(teamId, mediaId));
    return { status: row.status, progress: row.progress, upstreamId: row.upstreamId, syncedAt: row.syncedAt };
  });
}

/** Puts a reopened media back how it was (upstream refused for sure), unless a sync has moved it meanwhile. */
export async function undoReopen(db: DbOrTx, teamId: string, mediaId: string, was: Reopened): Promise<void> {
  await db
    .update(media)
    .set({
      status: was.status,
      progress: was.progress,
      syncedAt: was.syncedAt,
      submittingAt: null,
      pendingBaseline: null,
    })
    .where(and(mediaOf(teamId, mediaId), eq(media.status, "checking")));
}

/**
 * A paid call whose answer was lost and of which upstream shows no trace after the wait: the
 * media goes back to its baseline, once (only while it is still checking since `since`).
 */
export async function abandonPendingCall(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  since: Date,
  baseline: PendingBaseline,
  lastError: string,
): Promise<boolean> {
  const rows = await db
    .update(media)
    .set({
      status: baseline.status,
      progress: baseline.progress,
      syncedAt: new Date(),
      submittingAt: null,
      pendingBaseline: null,
      lastError,
      updatedAt: new Date(),
    })
    .where(and(mediaOf(teamId, mediaId), eq(media.status, "checking"), eq(media.submittingAt, since)))
    .returning({ id: media.id });
  return rows.length === 1;
}

// ---- the sync's writes -----------------------------------------------------------------------

export type MediaStateRow = Pick<
  Media,
  "status" | "progress" | "bulletVersion" | "presumedGoneAt" | "submittingAt" | "pendingBaseline"
>;

/** The media's state, row-locked until the transaction ends (null when it is gone). */
export async function lockMediaState(tx: DbOrTx, teamId: string, mediaId: string): Promise<MediaStateRow | null> {
  const [row] = await tx
    .select({
      status: media.status,
      progress: media.progress,
      bulletVersion: media.bulletVersion,
      presumedGoneAt: media.presumedGoneAt,
      submittingAt: media.submittingAt,
      pendingBaseline: media.pendingBaseline,
    })
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
  /** Set when the media is failed on the app's own inference that upstream lost it (repeated 404s). */
  presumedGoneAt?: Date | null;
};

/**
 * Writes a state the caller decided on from upstream's answer (under lockMediaState), and the
 * time it looked. The media follows upstream from here: an unresolved call is resolved.
 */
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
      submittingAt: null,
      pendingBaseline: null,
      lastError: null,
      presumedGoneAt: s.presumedGoneAt ?? null,
      ...(s.presumedGoneAt ? {} : { notFoundSince: null }),
      ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
    })
    .where(mediaOf(teamId, mediaId));
}

/**
 * A look upstream that changed nothing (or failed) still counts: the reconciler moves on to
 * older ones. `notFoundSince`: undefined leaves it, null clears it (upstream answered), a date
 * starts a run of 404s unless one is running.
 */
export async function touchSynced(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  now = new Date(),
  notFoundSince?: Date | null,
): Promise<void> {
  const notFound =
    notFoundSince === undefined
      ? {}
      : {
          notFoundSince:
            notFoundSince === null
              ? null
              : sql`coalesce(${media.notFoundSince}, ${notFoundSince.toISOString()}::timestamptz)`,
        };
  await db
    .update(media)
    .set({ syncedAt: now, ...notFound })
    .where(mediaOf(teamId, mediaId));
}

/** Remembers the job a notice named for a lost create until upstream confirms it (null: forget it). */
export async function noteCandidateJob(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  upstreamId: string | null,
): Promise<void> {
  await db
    .update(media)
    .set({ candidateUpstreamId: upstreamId })
    .where(and(mediaOf(teamId, mediaId), eq(media.status, "checking"), isNull(media.upstreamId)));
}

// ---- one sync at a time, and bounded copies --------------------------------------------------

/**
 * Takes the media's sync lease for `ms` (one conditional update: of any number of concurrent
 * notices one gets it). A notice that does not get it leaves a request for one more pass.
 */
export async function claimSyncLease(db: DbOrTx, mediaId: string, ms: number): Promise<boolean> {
  const until = sql`now() + make_interval(secs => ${ms / 1000})`;
  const rows = await db
    .update(media)
    .set({ syncLeaseUntil: until, syncRequested: false })
    .where(and(eq(media.id, mediaId), or(isNull(media.syncLeaseUntil), lt(media.syncLeaseUntil, sql`now()`))))
    .returning({ id: media.id });
  if (rows.length === 1) return true;
  await db.update(media).set({ syncRequested: true }).where(eq(media.id, mediaId));
  return false;
}

/** Gives the lease back; true when a notice asked for another pass meanwhile (the caller keeps it then). */
export async function releaseSyncLease(db: DbOrTx, mediaId: string, ms: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ requested: media.syncRequested })
      .from(media)
      .where(eq(media.id, mediaId))
      .for("update");
    if (row?.requested) {
      const until = sql`now() + make_interval(secs => ${ms / 1000})`;
      await tx.update(media).set({ syncRequested: false, syncLeaseUntil: until }).where(eq(media.id, mediaId));
      return true;
    }
    await tx.update(media).set({ syncLeaseUntil: null }).where(eq(media.id, mediaId));
    return false;
  });
}

/** Lets the lease go whatever was asked meanwhile (the request stays noted for the next holder). */
export async function dropSyncLease(db: DbOrTx, mediaId: string): Promise<void> {
  await db.update(media).set({ syncLeaseUntil: null }).where(eq(media.id, mediaId));
}

/** After a copy run: failures push the next try back (the caller's backoff), a full copy resets the count. */
export async function recordCopyRun(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  run: { failed: boolean; nextAt: Date | null },
): Promise<void> {
  await db
    .update(media)
    .set(
      run.failed
        ? { copyAttempts: sql`${media.copyAttempts} + 1`, nextCopyAt: run.nextAt }
        : { copyAttempts: 0, nextCopyAt: null },
    )
    .where(mediaOf(teamId, mediaId));
}
