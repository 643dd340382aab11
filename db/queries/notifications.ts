import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { activity, type NotificationKind, notificationEmailOptOuts, notifications } from "../library-schema";
import { media } from "../media-schema";
import { memberships, teams, users } from "../schema";

// One user's notifications (the bell) and their email switches. Every read and write takes the
// user and the team: someone else's notification answers like one that does not exist.

export type NewNotification = {
  userId: string;
  teamId: string;
  kind: NotificationKind;
  activityId: string | null;
  mediaId: string | null;
  data?: Record<string, unknown>;
};

export async function insertNotifications(db: DbOrTx, rows: NewNotification[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(notifications)
    .values(rows.map((r) => ({ ...r, data: r.data ?? {} })))
    .returning({ id: notifications.id });
  return inserted.map((r) => r.id);
}

/** Those of `userIds` who are members (any role) of the team now. */
export async function membersAmong(db: DbOrTx, teamId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  // A team being deleted tells nobody anything: a render that ends during its purge sends no mail
  // pointing at a team that is gone.
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(teams, and(eq(teams.id, memberships.teamId), isNull(teams.deletingAt)))
    .where(and(eq(memberships.teamId, teamId), inArray(memberships.userId, userIds)));
  return rows.map((r) => r.userId);
}

export async function countUnread(db: DbOrTx, userId: string, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.teamId, teamId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export type NotificationRow = {
  id: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
  mediaId: string | null;
  mediaTitle: string | null;
  mediaTrashed: boolean;
  actorName: string | null;
  actorEmail: string | null;
};

/** The user's latest notifications in this team, newest first. */
export async function listNotifications(
  db: DbOrTx,
  userId: string,
  teamId: string,
  limit: number,
): Promise<NotificationRow[]> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      data: notifications.data,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      mediaId: media.id,
      mediaTitle: media.title,
      mediaDeletedAt: media.deletedAt,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(notifications)
    .leftJoin(media, and(eq(media.id, notifications.mediaId), eq(media.teamId, teamId)))
    .leftJoin(activity, eq(activity.id, notifications.activityId))
    .leftJoin(users, eq(users.id, activity.actorId))
    .where(and(eq(notifications.userId, userId), eq(notifications.teamId, teamId)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return rows.map(({ mediaDeletedAt, ...r }) => ({ ...r, mediaTrashed: mediaDeletedAt !== null }));
}

/** Marks one read; returns its media id (or null), undefined when it is not this user's here. */
export async function markRead(
  db: DbOrTx,
  userId: string,
  teamId: string,
  id: string,
): Promise<{ mediaId: string | null } | undefined> {
  if (!isUuid(id)) return undefined;
  const mine = and(eq(notifications.id, id), eq(notifications.userId, userId), eq(notifications.teamId, teamId));
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(mine, isNull(notifications.readAt)));
  const [row] = await db.select({ mediaId: notifications.mediaId }).from(notifications).where(mine);
  return row;
}

export async function markAllRead(db: DbOrTx, userId: string, teamId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), eq(notifications.teamId, teamId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export type MailRow = {
  id: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
  email: string | null;
  teamSlug: string;
  mediaId: string | null;
  mediaTitle: string | null;
  actorName: string | null;
};

/**
 * What these notifications' emails need, skipping users who switched the kind off. With `claim`
 * each is marked sent first (emailed_at set once, so two senders cannot both send it).
 */
export async function emailsFor(db: DbOrTx, ids: string[], opts: { claim: boolean }): Promise<MailRow[]> {
  if (ids.length === 0) return [];
  const optedOut = sql`exists (select 1 from ${notificationEmailOptOuts} o where o.user_id = ${notifications.userId} and o.kind = ${notifications.kind})`;
  const wanted = and(inArray(notifications.id, ids), isNull(notifications.emailedAt), sql`not ${optedOut}`);
  const picked = opts.claim
    ? await db.update(notifications).set({ emailedAt: sql`now()` }).where(wanted).returning({ id: notifications.id })
    : await db.select({ id: notifications.id }).from(notifications).where(wanted);
  if (picked.length === 0) return [];
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      data: notifications.data,
      email: users.email,
      teamSlug: teams.slug,
      mediaId: notifications.mediaId,
      mediaTitle: media.title,
      actorName: sql<
        string | null
      >`(select coalesce(u.name, u.email) from ${activity} a join ${users} u on u.id = a.actor_id where a.id = ${notifications.activityId})`,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .innerJoin(teams, eq(teams.id, notifications.teamId))
    .leftJoin(media, eq(media.id, notifications.mediaId))
    .where(
      inArray(
        notifications.id,
        picked.map((c) => c.id),
      ),
    );
}

/** An email that could not go out is no longer counted as sent. */
export async function unclaimEmail(db: DbOrTx, id: string): Promise<void> {
  await db.update(notifications).set({ emailedAt: null }).where(eq(notifications.id, id));
}

export async function emailOptOuts(db: DbOrTx, userId: string): Promise<NotificationKind[]> {
  const rows = await db
    .select({ kind: notificationEmailOptOuts.kind })
    .from(notificationEmailOptOuts)
    .where(eq(notificationEmailOptOuts.userId, userId));
  return rows.map((r) => r.kind);
}

/** Replaces the user's switches: exactly `off` is off by email. */
export async function setEmailOptOuts(db: DbOrTx, userId: string, off: NotificationKind[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(notificationEmailOptOuts).where(eq(notificationEmailOptOuts.userId, userId));
    if (off.length) await tx.insert(notificationEmailOptOuts).values(off.map((kind) => ({ userId, kind })));
  });
}
