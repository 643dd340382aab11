import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaStatus } from "@/db/media-schema";
import { insertActivity, mediaFacts } from "@/db/queries/activity";
import { insertNotifications, membersAmong } from "@/db/queries/notifications";

// Lines that concern someone: each records its activity and the notifications it makes in the
// caller's transaction, and returns the notifications' ids so the caller can email them once
// the transaction has committed (lib/notifications/deliver.ts).

/**
 * A render reached a terminal state (the caller saw the transition, so this runs once per
 * render): the feed says so and the media's creator is told, if they are still in the team.
 */
export async function recordRenderEnd(
  tx: DbOrTx,
  target: { teamId: string; mediaId: string; generation: number },
  status: MediaStatus,
): Promise<string[]> {
  const [m] = await mediaFacts(tx, target.teamId, [target.mediaId]);
  if (!m) return [];
  const finished = status === "success";
  const data = { title: m.title, generation: target.generation, status };
  const [activityId] = await insertActivity(tx, [
    { teamId: target.teamId, kind: finished ? "finished" : "failed", actorId: m.createdBy, mediaId: m.id, data },
  ]);
  const creator = m.createdBy ? await membersAmong(tx, target.teamId, [m.createdBy]) : [];
  return insertNotifications(
    tx,
    creator.map((userId) => ({
      userId,
      teamId: target.teamId,
      kind: finished ? "render_finished" : "render_failed",
      activityId: activityId ?? null,
      mediaId: m.id,
      data,
    })),
  );
}

/** A comment: the feed says so and each member it mentions (never its author) is told. */
export async function recordComment(
  tx: DbOrTx,
  c: { teamId: string; authorId: string; mediaId: string; title: string; commentId: string; mentions: string[] },
): Promise<string[]> {
  const data = { title: c.title, commentId: c.commentId };
  const [activityId] = await insertActivity(tx, [
    { teamId: c.teamId, kind: "commented", actorId: c.authorId, mediaId: c.mediaId, data },
  ]);
  const others = [...new Set(c.mentions)].filter((id) => id !== c.authorId);
  const members = await membersAmong(tx, c.teamId, others);
  return insertNotifications(
    tx,
    members.map((userId) => ({
      userId,
      teamId: c.teamId,
      kind: "mentioned" as const,
      activityId: activityId ?? null,
      mediaId: c.mediaId,
      data,
    })),
  );
}
