import "server-only";
import type { DbOrTx } from "@/db/client";
import type { ActivityKind } from "@/db/library-schema";
import { mediaFacts, type NewActivity, personOf } from "@/db/queries/activity";
import { recordActivity } from "./record";

// Lines that need a lookup first: the titles of media in a Trash step (kept so a purged video
// still reads) and the name of a member who left (kept after their account is gone).

type Who = { teamId: string; userId: string };

/**
 * One line for a Trash step, however many media it moved: one video is named and linked,
 * several are counted (a bulk delete of 40 would otherwise bury the feed).
 */
export async function recordMediaStep(
  db: DbOrTx,
  who: Who,
  kind: Extract<ActivityKind, "deleted" | "restored">,
  ids: string[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (ids.length === 0) return;
  const facts = await mediaFacts(db, who.teamId, ids.slice(0, 3));
  const line: NewActivity = {
    teamId: who.teamId,
    kind,
    actorId: who.userId,
    mediaId: ids.length === 1 ? ids[0] : null,
    data: { ...extra, count: ids.length, titles: facts.map((f) => f.title), title: facts[0]?.title },
  };
  await recordActivity(db, line);
}

/** A member joined (an accepted invitation) or left (left, or removed by `actorId`). */
export async function recordMember(
  db: DbOrTx,
  teamId: string,
  kind: Extract<ActivityKind, "member_joined" | "member_left">,
  memberId: string,
  opts: { actorId?: string; role?: string } = {},
): Promise<void> {
  const person = await personOf(db, memberId);
  const removed = Boolean(opts.actorId && opts.actorId !== memberId);
  await recordActivity(db, {
    teamId,
    kind,
    actorId: opts.actorId ?? memberId,
    data: {
      memberId,
      memberName: person?.name ?? person?.email ?? null,
      ...(removed ? { removed: true } : {}),
      ...(opts.role ? { role: opts.role } : {}),
    },
  });
}
