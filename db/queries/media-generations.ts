import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { type MediaStatus, media, mediaGenerations } from "../media-schema";
import { users } from "../schema";

// Every generation of a media (the first submission, each resubmission, each "process again").
// Every function takes the team.

const generationsOf = (teamId: string, mediaId: string) =>
  and(eq(mediaGenerations.teamId, teamId), eq(mediaGenerations.mediaId, mediaId));

export type GenerationView = {
  id: string;
  number: number;
  kind: "create" | "resubmit" | "process";
  status: MediaStatus;
  params: Record<string, unknown>;
  bulletVersion: string | null;
  serviceName: string | null;
  serviceVersion: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  requestedBy: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
};

export async function listGenerations(db: DbOrTx, teamId: string, mediaId: string): Promise<GenerationView[]> {
  return db
    .select({
      id: mediaGenerations.id,
      number: mediaGenerations.number,
      kind: mediaGenerations.kind,
      status: mediaGenerations.status,
      params: mediaGenerations.params,
      bulletVersion: mediaGenerations.bulletVersion,
      serviceName: mediaGenerations.serviceName,
      serviceVersion: mediaGenerations.serviceVersion,
      error: mediaGenerations.error,
      createdAt: mediaGenerations.createdAt,
      finishedAt: mediaGenerations.finishedAt,
      requestedBy: mediaGenerations.requestedBy,
      requesterName: users.name,
      requesterEmail: users.email,
    })
    .from(mediaGenerations)
    .leftJoin(users, eq(users.id, mediaGenerations.requestedBy))
    .where(generationsOf(teamId, mediaId))
    .orderBy(desc(mediaGenerations.number));
}

/** The number of the media's latest generation (0 when none): the sync's staleness marker. */
export async function latestGenerationNumber(db: DbOrTx, teamId: string, mediaId: string): Promise<number> {
  const [row] = await db
    .select({ number: mediaGenerations.number })
    .from(mediaGenerations)
    .where(generationsOf(teamId, mediaId))
    .orderBy(desc(mediaGenerations.number))
    .limit(1);
  return row?.number ?? 0;
}

/** The media's latest generation (null when none): what a sync or an unresolved call refers to. */
export async function latestGeneration(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
): Promise<{ id: string; number: number; status: MediaStatus; createdAt: Date } | null> {
  const [row] = await db
    .select({
      id: mediaGenerations.id,
      number: mediaGenerations.number,
      status: mediaGenerations.status,
      createdAt: mediaGenerations.createdAt,
    })
    .from(mediaGenerations)
    .where(generationsOf(teamId, mediaId))
    .orderBy(desc(mediaGenerations.number))
    .limit(1);
  return row ?? null;
}

/** The id of the generation that produced a bullet version (the latest one that says so). */
export async function generationIdFor(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  bulletVersion: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: mediaGenerations.id })
    .from(mediaGenerations)
    .where(and(generationsOf(teamId, mediaId), eq(mediaGenerations.bulletVersion, bulletVersion)))
    .orderBy(desc(mediaGenerations.number))
    .limit(1);
  return row?.id ?? null;
}

export type GenerationStateWrite = {
  status: MediaStatus;
  serviceName: string | null;
  serviceVersion: string | null;
  bulletVersion: string | null;
  finishedAt: Date | null;
  error: string | null;
};

/** The state of one generation, as the sync decided it. */
export async function writeGenerationState(
  tx: DbOrTx,
  teamId: string,
  mediaId: string,
  number: number,
  s: GenerationStateWrite,
): Promise<void> {
  await tx
    .update(mediaGenerations)
    .set({
      status: s.status,
      ...(s.serviceName ? { serviceName: s.serviceName } : {}),
      ...(s.serviceVersion ? { serviceVersion: s.serviceVersion } : {}),
      bulletVersion: s.bulletVersion,
      finishedAt: s.finishedAt,
      error: s.error,
    })
    .where(and(generationsOf(teamId, mediaId), eq(mediaGenerations.number, number)));
}

export type NewGeneration = {
  teamId: string;
  mediaId: string;
  kind: "resubmit" | "process";
  requestedBy: string;
  params: Record<string, unknown>;
  /** Set on a resubmission that changed the motion type. */
  motionType?: string;
  status: MediaStatus;
  progress: number;
  upstream?: unknown;
  bulletVersion?: string | null;
  serviceName?: string | null;
  serviceVersion?: string | null;
  /** The call's answer was lost: the media stays "checking" with its baseline until resolved. */
  unresolved?: boolean;
};

/**
 * Records a generation upstream accepted (or may have: `unresolved`): a new history row; the
 * media follows it from now.
 */
export async function recordGeneration(db: DbOrTx, g: NewGeneration): Promise<number> {
  return db.transaction(async (tx) => {
    const mediaRow = and(eq(media.teamId, g.teamId), eq(media.id, g.mediaId));
    await tx.select({ id: media.id }).from(media).where(mediaRow).for("update");
    const number = (await latestGenerationNumber(tx, g.teamId, g.mediaId)) + 1;
    await tx.insert(mediaGenerations).values({
      mediaId: g.mediaId,
      teamId: g.teamId,
      number,
      kind: g.kind,
      requestedBy: g.requestedBy,
      params: g.params,
      status: g.status,
      serviceName: g.serviceName ?? null,
      serviceVersion: g.serviceVersion ?? null,
    });
    const now = new Date();
    await tx
      .update(media)
      .set({
        status: g.status,
        progress: g.progress,
        params: g.params,
        ...(g.motionType ? { motionType: g.motionType } : {}),
        ...(g.upstream !== undefined ? { upstream: g.upstream } : {}),
        ...(g.bulletVersion != null ? { bulletVersion: g.bulletVersion } : {}),
        lastError: null,
        finishedAt: null,
        syncedAt: now,
        updatedAt: now,
        ...(g.unresolved ? {} : { submittingAt: null, pendingBaseline: null }),
      })
      .where(mediaRow);
    return number;
  });
}
