import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { mediaComments } from "../library-schema";
import { mediaGenerations } from "../media-schema";
import { users } from "../schema";

// Comments on a media's versions and each version's review. Every function takes the team:
// another team's comment, media or version answers exactly like an unknown one. Who may write
// what is decided in lib/review.

export type Comment = {
  id: string;
  mediaId: string;
  generationId: string | null;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  authorEmail: string | null;
  body: string;
  timecodeMs: number | null;
  mentions: string[];
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolverName: string | null;
  createdAt: Date;
};
export type Thread = Comment & { replies: Comment[] };

export type NewComment = {
  teamId: string;
  mediaId: string;
  generationId: string | null;
  parentId: string | null;
  authorId: string;
  body: string;
  timecodeMs: number | null;
  mentions: string[];
};

export async function insertComment(db: DbOrTx, row: NewComment): Promise<{ id: string }> {
  const [made] = await db.insert(mediaComments).values(row).returning({ id: mediaComments.id });
  return made!;
}

/** One comment of the team (null for another team's or an unknown id). */
export async function getComment(
  db: DbOrTx,
  teamId: string,
  commentId: string,
): Promise<Pick<Comment, "id" | "mediaId" | "generationId" | "parentId" | "authorId" | "resolvedAt"> | null> {
  if (!isUuid(commentId)) return null;
  const [row] = await db
    .select({
      id: mediaComments.id,
      mediaId: mediaComments.mediaId,
      generationId: mediaComments.generationId,
      parentId: mediaComments.parentId,
      authorId: mediaComments.authorId,
      resolvedAt: mediaComments.resolvedAt,
    })
    .from(mediaComments)
    .where(and(eq(mediaComments.teamId, teamId), eq(mediaComments.id, commentId)))
    .limit(1);
  return row ?? null;
}

const resolver = alias(users, "resolver");

/** A media's comments, oldest first, each reply under its thread (orphans of a deleted parent are dropped). */
export async function listThreads(db: DbOrTx, teamId: string, mediaId: string): Promise<Thread[]> {
  if (!isUuid(mediaId)) return [];
  const rows: Comment[] = await db
    .select({
      id: mediaComments.id,
      mediaId: mediaComments.mediaId,
      generationId: mediaComments.generationId,
      parentId: mediaComments.parentId,
      authorId: mediaComments.authorId,
      authorName: users.name,
      authorEmail: users.email,
      body: mediaComments.body,
      timecodeMs: mediaComments.timecodeMs,
      mentions: mediaComments.mentions,
      resolvedAt: mediaComments.resolvedAt,
      resolvedBy: mediaComments.resolvedBy,
      resolverName: resolver.name,
      createdAt: mediaComments.createdAt,
    })
    .from(mediaComments)
    .leftJoin(users, eq(users.id, mediaComments.authorId))
    .leftJoin(resolver, eq(resolver.id, mediaComments.resolvedBy))
    .where(and(eq(mediaComments.teamId, teamId), eq(mediaComments.mediaId, mediaId)))
    .orderBy(asc(mediaComments.createdAt), asc(mediaComments.id));
  const threads = new Map<string, Thread>();
  for (const r of rows) if (!r.parentId) threads.set(r.id, { ...r, replies: [] });
  for (const r of rows) if (r.parentId) threads.get(r.parentId)?.replies.push(r);
  return [...threads.values()];
}

/** Marks a thread resolved by `by`, or open again with null; false when the team has no such comment. */
export async function setCommentResolved(
  db: DbOrTx,
  teamId: string,
  commentId: string,
  by: string | null,
): Promise<boolean> {
  const done = await db
    .update(mediaComments)
    .set({ resolvedAt: by ? new Date() : null, resolvedBy: by })
    .where(and(eq(mediaComments.teamId, teamId), eq(mediaComments.id, commentId), isNull(mediaComments.parentId)))
    .returning({ id: mediaComments.id });
  return done.length > 0;
}

export type Review = "approved" | "changes_requested";
export type VersionReview = {
  id: string;
  number: number;
  status: typeof mediaGenerations.$inferSelect.status;
  review: Review | null;
  reviewerName: string | null;
  reviewedAt: Date | null;
};

/** Each version of a media with its review, newest first. */
export async function listVersionReviews(db: DbOrTx, teamId: string, mediaId: string): Promise<VersionReview[]> {
  if (!isUuid(mediaId)) return [];
  return db
    .select({
      id: mediaGenerations.id,
      number: mediaGenerations.number,
      status: mediaGenerations.status,
      review: mediaGenerations.review,
      reviewerName: users.name,
      reviewedAt: mediaGenerations.reviewedAt,
    })
    .from(mediaGenerations)
    .leftJoin(users, eq(users.id, mediaGenerations.reviewedBy))
    .where(and(eq(mediaGenerations.teamId, teamId), eq(mediaGenerations.mediaId, mediaId)))
    .orderBy(desc(mediaGenerations.number));
}

/** Whether the version belongs to this media of this team. */
export async function isVersionOf(db: DbOrTx, teamId: string, mediaId: string, generationId: string): Promise<boolean> {
  if (!isUuid(generationId) || !isUuid(mediaId)) return false;
  const [row] = await db
    .select({ id: mediaGenerations.id })
    .from(mediaGenerations)
    .where(
      and(
        eq(mediaGenerations.teamId, teamId),
        eq(mediaGenerations.mediaId, mediaId),
        eq(mediaGenerations.id, generationId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Sets (or clears, with null) a version's review; false when the team has no such version of the media. */
export async function setVersionReview(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
  generationId: string,
  review: Review | null,
  by: string,
): Promise<boolean> {
  if (!isUuid(generationId) || !isUuid(mediaId)) return false;
  const done = await db
    .update(mediaGenerations)
    .set(
      review
        ? { review, reviewedBy: by, reviewedAt: new Date() }
        : { review: null, reviewedBy: null, reviewedAt: null },
    )
    .where(
      and(
        eq(mediaGenerations.teamId, teamId),
        eq(mediaGenerations.mediaId, mediaId),
        eq(mediaGenerations.id, generationId),
      ),
    )
    .returning({ id: mediaGenerations.id });
  return done.length > 0;
}
