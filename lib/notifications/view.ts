import "server-only";
import type { DbOrTx } from "@/db/client";
import { countUnread, listNotifications, type NotificationRow } from "@/db/queries/notifications";
import { describeNotification, fill, type Part, someone, titleOf } from "@/lib/activity/describe";

// The bell's page: the user's latest notifications in this team, newest first, unread marked.
// Per team, like everything under /t/<team>: the bell sits in one team's header and each
// notification opens that team's video, so another team's are counted in that team's bell.

export const NOTIFICATIONS_SHOWN = 50;

export type NotificationItem = {
  id: string;
  kind: NotificationRow["kind"];
  parts: Part[];
  unread: boolean;
  /** Where its video is now when not in the library: in the Trash, or deleted for good. */
  gone: "trashed" | "deleted" | null;
  createdAt: string;
};

export type NotificationsView = { items: NotificationItem[]; unread: number };

export async function loadNotifications(db: DbOrTx, userId: string, teamId: string): Promise<NotificationsView> {
  const [rows, unread] = await Promise.all([
    listNotifications(db, userId, teamId, NOTIFICATIONS_SHOWN),
    countUnread(db, userId, teamId),
  ]);
  return {
    unread,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      parts: fill(describeNotification(r.kind), {
        actor: someone(r.actorName, r.actorEmail),
        media: titleOf(r.mediaTitle, r.data.title),
        member: "",
        generation: "",
      }),
      unread: r.readAt === null,
      gone: r.mediaId === null ? "deleted" : r.mediaTrashed ? "trashed" : null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** The bell's number: unread notifications of this user in this team. */
export const unreadCount = (db: DbOrTx, userId: string, teamId: string) => countUnread(db, userId, teamId);
