import "server-only";
import type { DbOrTx } from "@/db/client";
import { type Comment, listThreads, listVersionReviews, type Review } from "@/db/queries/comments";
import { listMembers } from "@/db/queries/teams";
import { type Actor, atLeast, canMake } from "@/lib/teams/service";
import { mentionSegments, type Segment } from "./mentions";

// The Review card's model: the version the page plays, its threads, and every version's verdict.

export type { Review };

export type CommentView = {
  id: string;
  author: string;
  segments: Segment[];
  timecodeMs: number | null;
  createdAt: string;
};
export type ThreadView = CommentView & {
  replies: CommentView[];
  resolved: { by: string; at: string } | null;
  canResolve: boolean;
};
export type VersionView = {
  id: string;
  number: number;
  review: Review | null;
  reviewer: string | null;
  reviewedAt: string | null;
  comments: number;
};
export type ReviewView = {
  mediaId: string;
  /** The version the page plays: the newest finished one, else the newest. */
  current: VersionView | null;
  versions: VersionView[];
  threads: ThreadView[];
  /** The shown version finished: the page has players to read a time from. */
  playable: boolean;
  canReview: boolean;
};

export async function loadReview(db: DbOrTx, actor: Actor, mediaId: string): Promise<ReviewView> {
  const [versions, threads, members] = await Promise.all([
    listVersionReviews(db, actor.teamId, mediaId),
    listThreads(db, actor.teamId, mediaId),
    listMembers(db, actor.teamId),
  ]);
  const shown = versions.find((v) => v.status === "success") ?? versions[0] ?? null;
  const count = (id: string) =>
    threads.filter((t) => t.generationId === id).reduce((n, t) => n + 1 + t.replies.length, 0);
  const view = (c: Comment): CommentView => ({
    id: c.id,
    author: c.authorName ?? c.authorEmail ?? "A former member",
    // Only the people the server stored as mentioned are highlighted, as they were then.
    segments: mentionSegments(
      c.body,
      members.filter((m) => c.mentions.includes(m.userId)),
    ),
    timecodeMs: c.timecodeMs,
    createdAt: c.createdAt.toISOString(),
  });
  const versionViews = versions.map((v) => ({
    id: v.id,
    number: v.number,
    review: v.review,
    reviewer: v.reviewerName,
    reviewedAt: v.reviewedAt?.toISOString() ?? null,
    comments: count(v.id),
  }));
  return {
    mediaId,
    current: versionViews.find((v) => v.id === shown?.id) ?? null,
    versions: versionViews,
    threads: threads
      .filter((t) => t.generationId === (shown?.id ?? null) || t.generationId === null)
      .map((t) => ({
        ...view(t),
        replies: t.replies.map(view),
        resolved: t.resolvedAt ? { by: t.resolverName ?? "a former member", at: t.resolvedAt.toISOString() } : null,
        canResolve: t.authorId === actor.userId || atLeast(actor.role, "admin"),
      })),
    playable: shown?.status === "success",
    canReview: canMake(actor.role),
  };
}
