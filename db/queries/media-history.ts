import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { media, mediaGenerations, type MediaStatus } from "../media-schema";
import { users } from "../schema";
import { latestGenerationNumber } from "./media-sync";

// Every generation of a media (the first submission, each resubmission, each "process again")
// and the writes that start a new one. Every function takes the team.

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
    .where(and(eq(mediaGenerations.teamId, teamId), eq(mediaGenerations.mediaId, mediaId)))
    .orderBy(desc(mediaGenerations.number));
}

export type Reopened = { status: MediaStatus; progress: number; upstreamId: string; syncedAt: Date | null };

/**
 * Takes the right to start a new generation (which costs credits): a finished media is moved to
 * "queued" in one conditional update, so of two clicks (or two members) only one reaches
 * upstream. Null when it is not finished (rendering, or never submitted) or not the team's.
 */
export async function reopenForGeneration(db: DbOrTx, teamId: string, mediaId: string): Promise<Reopened | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: media.status, progress: media.progress, upstreamId: media.upstreamId, syncedAt: media.syncedAt })
      .from(media)
      .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)))
      .for("update");
    if (!row?.upstreamId || !["success", "fail", "cancel"].includes(row.status)) return null;
    await tx
      .update(media)
      // Counted as just checked: a sync now would read the old, finished state back in.
      .set({ status: "queued", progress: 0, updatedAt: new Date(), syncedAt: new Date() })
      .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)));
    return { status: row.status, progress: row.progress, upstreamId: row.upstreamId, syncedAt: row.syncedAt };
  });
}

/** Upstream refused: the media goes back to how it was, unless a sync has moved it meanwhile. */
export async function undoReopen(db: DbOrTx, teamId: string, mediaId: string, was: Reopened): Promise<void> {
  await db
    .update(media)
    .set({ status: was.status, progress: was.progress, syncedAt: was.syncedAt })
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId), inArray(media.status, ["queued"])));
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
};

/** Records the generation upstream accepted: a new history row; the media follows it from now. */
export async function recordGeneration(db: DbOrTx, g: NewGeneration): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.select({ id: media.id }).from(media).where(and(eq(media.teamId, g.teamId), eq(media.id, g.mediaId))).for("update");
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
      })
      .where(and(eq(media.teamId, g.teamId), eq(media.id, g.mediaId)));
    return number;
  });
}

export type DetailsPatch = { title: string; description: string; rating: string | null; visibility: "0" | "1" | "2" };

/** The free fields; also written into params so a retry or a remix uses them. */
export async function updateMediaDetails(db: DbOrTx, teamId: string, mediaId: string, p: DetailsPatch): Promise<boolean> {
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
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId)))
    .returning({ id: media.id });
  return rows.length === 1;
}
