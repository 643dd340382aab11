import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { type ActivityKind, activity } from "../library-schema";
import { media } from "../media-schema";
import { users } from "../schema";

// The team's activity feed: lines appended where things happen, read newest first a keyset page
// at a time (activity_team_created_idx). Every read takes the team.

export type NewActivity = {
  teamId: string;
  kind: ActivityKind;
  actorId?: string | null;
  mediaId?: string | null;
  data?: Record<string, unknown>;
};

/** Appends lines to teams' activity feeds; returns their ids in the same order. */
export async function insertActivity(db: DbOrTx, rows: NewActivity[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(activity)
    .values(
      rows.map((r) => ({
        teamId: r.teamId,
        kind: r.kind,
        actorId: r.actorId ?? null,
        mediaId: r.mediaId ?? null,
        data: r.data ?? {},
      })),
    )
    .returning({ id: activity.id });
  return inserted.map((r) => r.id);
}

/** Where a page ends: the last line's time exactly as Postgres holds it (microseconds) and id. */
export type ActivityCursor = { at: string; id: string };

export type ActivityRow = {
  id: string;
  kind: ActivityKind;
  data: Record<string, unknown>;
  createdAt: Date;
  /** created_at as text, to page on without losing microseconds. */
  at: string;
  actorName: string | null;
  actorEmail: string | null;
  mediaId: string | null;
  mediaTitle: string | null;
  /** The media is in the Trash (or being purged): named, not linked. */
  mediaTrashed: boolean;
};

/** One page of the team's feed, newest first, after `cursor` when given. */
export async function listActivity(
  db: DbOrTx,
  teamId: string,
  opts: { cursor?: ActivityCursor | null; limit: number },
): Promise<ActivityRow[]> {
  const c = opts.cursor;
  const after =
    c && isUuid(c.id)
      ? sql`(${activity.createdAt}, ${activity.id}) < (${c.at}::timestamptz, ${c.id}::uuid)`
      : undefined;
  const rows = await db
    .select({
      id: activity.id,
      kind: activity.kind,
      data: activity.data,
      createdAt: activity.createdAt,
      at: sql<string>`${activity.createdAt}::text`,
      actorName: users.name,
      actorEmail: users.email,
      mediaId: media.id,
      mediaTitle: media.title,
      mediaDeletedAt: media.deletedAt,
    })
    .from(activity)
    .leftJoin(users, eq(users.id, activity.actorId))
    // The team again on the join: a line can only ever name its own team's media.
    .leftJoin(media, and(eq(media.id, activity.mediaId), eq(media.teamId, teamId)))
    .where(and(eq(activity.teamId, teamId), after))
    .orderBy(desc(activity.createdAt), desc(activity.id))
    .limit(opts.limit);
  return rows.map(({ mediaDeletedAt, ...r }) => ({ ...r, mediaTrashed: mediaDeletedAt !== null }));
}

/** What a line keeps about the team's media (its title outlives the purge), by id. */
export async function mediaFacts(
  db: DbOrTx,
  teamId: string,
  ids: string[],
): Promise<{ id: string; title: string; createdBy: string | null }[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select({ id: media.id, title: media.title, createdBy: media.createdBy })
    .from(media)
    .where(and(eq(media.teamId, teamId), inArray(media.id, valid)));
}

/** A person's display name and email (a member line keeps it after they leave). */
export async function personOf(
  db: DbOrTx,
  userId: string,
): Promise<{ name: string | null; email: string | null } | null> {
  const [row] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return row ?? null;
}
