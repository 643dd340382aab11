import "server-only";
import type { DbOrTx } from "@/db/client";
import { getComment, insertComment, isVersionOf, setCommentResolved, setVersionReview } from "@/db/queries/comments";
import { getMediaForTeam } from "@/db/queries/media";
import { listMembers } from "@/db/queries/teams";
import { type FormState, fieldErrorsOf } from "@/lib/form-state";
import { MEDIA_MISSING } from "@/lib/media/errors";
import { deliverNotifications } from "@/lib/notifications/deliver";
import { recordComment } from "@/lib/notifications/fan-out";
import { type Actor, atLeast, canMake } from "@/lib/teams/service";
import { findMentions } from "./mentions";
import { commentSchema, resolveSchema, reviewSchema } from "./schemas";

// The review of a media: comments and replies (anyone on the team, viewers included: they
// watch, so they may say what they saw), resolving a thread (its author, admins and owners) and
// a version's verdict (members and above: it decides what the team ships). The caller has
// authorized the team; every read and write below is scoped to it.

export const NOT_A_VERSION = "That version doesn't belong to this video.";
export const NOT_A_PARENT = "You can only reply to a comment on this video.";
export const COMMENT_MISSING = "That comment no longer exists.";
export const RESOLVE_REFUSAL = "Only the comment's author, admins and owners can resolve it.";
export const REVIEW_REFUSAL = "Viewers can comment, but only members can approve or request changes.";

export async function addCommentAs(db: DbOrTx, actor: Actor, input: Record<string, unknown>): Promise<FormState> {
  const parsed = commentSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const c = parsed.data;
  const media = await getMediaForTeam(db, actor.teamId, c.mediaId);
  if (!media) return { error: MEDIA_MISSING };

  let generationId = c.generationId ?? null;
  let parentId: string | null = null;
  if (c.parentId) {
    const parent = await getComment(db, actor.teamId, c.parentId);
    if (!parent || parent.mediaId !== media.id) return { error: NOT_A_PARENT };
    // One level of replies: an answer to a reply joins the thread, on the thread's version.
    parentId = parent.parentId ?? parent.id;
    generationId = parent.generationId;
  } else if (generationId && !(await isVersionOf(db, actor.teamId, media.id, generationId))) {
    return { error: NOT_A_VERSION };
  }

  const mentions = findMentions(c.body, await listMembers(db, actor.teamId));
  const notified = await db.transaction(async (tx) => {
    const comment = await insertComment(tx, {
      teamId: actor.teamId,
      mediaId: media.id,
      generationId,
      parentId,
      authorId: actor.userId,
      body: c.body,
      timecodeMs: parentId ? null : c.timecodeMs,
      mentions,
    });
    const line = { teamId: actor.teamId, authorId: actor.userId, mediaId: media.id, title: media.title };
    return recordComment(tx, { ...line, commentId: comment.id, mentions });
  });
  await deliverNotifications(db, notified);
  return { ok: true, message: parentId ? "Reply added." : "Comment added." };
}

export async function setResolvedAs(db: DbOrTx, actor: Actor, input: Record<string, unknown>): Promise<FormState> {
  const parsed = resolveSchema.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  const { commentId, resolved } = parsed.data;
  const comment = await getComment(db, actor.teamId, commentId);
  if (!comment) return { error: COMMENT_MISSING };
  if (comment.parentId) return { error: "Resolve the thread, not one of its replies." };
  if (comment.authorId !== actor.userId && !atLeast(actor.role, "admin")) return { error: RESOLVE_REFUSAL };
  const done = await setCommentResolved(db, actor.teamId, comment.id, resolved ? actor.userId : null);
  if (!done) return { error: COMMENT_MISSING };
  return { ok: true, message: resolved ? "Resolved." : "Reopened." };
}

export async function setReviewAs(db: DbOrTx, actor: Actor, input: Record<string, unknown>): Promise<FormState> {
  if (!canMake(actor.role)) return { error: REVIEW_REFUSAL };
  const parsed = reviewSchema.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  const { mediaId, generationId, review } = parsed.data;
  if (!(await getMediaForTeam(db, actor.teamId, mediaId))) return { error: MEDIA_MISSING };
  const done = await setVersionReview(db, actor.teamId, mediaId, generationId, review, actor.userId);
  if (!done) return { error: NOT_A_VERSION };
  return {
    ok: true,
    message: review === "approved" ? "Approved." : review ? "Changes requested." : "Review cleared.",
  };
}
