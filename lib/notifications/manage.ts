import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { markAllRead, markRead } from "@/db/queries/notifications";
import type { FormState } from "@/lib/form-state";
import type { Actor } from "@/lib/teams/service";
import { urls } from "@/lib/urls";

// Reading one's notifications: open one (marked read, then its video) or mark them all read.
// Only the user's own notifications in this team: anyone else's reads as unknown.

export const NOTIFICATION_MISSING = "That notification doesn't exist.";
export const openSchema = z.object({ id: z.uuid(NOTIFICATION_MISSING) });

export type OpenResult = FormState & { href?: string };

export async function openNotificationAs(
  db: DbOrTx,
  actor: Actor,
  team: { slug: string },
  id: string,
): Promise<OpenResult> {
  const found = await markRead(db, actor.userId, actor.teamId, id);
  if (!found) return { error: NOTIFICATION_MISSING };
  // A video since purged: read, and the list says it is gone.
  return found.mediaId
    ? { ok: true, href: urls.media(team.slug, found.mediaId) }
    : { ok: true, message: "Marked read." };
}

export async function markAllReadAs(db: DbOrTx, actor: Actor): Promise<FormState> {
  const n = await markAllRead(db, actor.userId, actor.teamId);
  return { ok: true, message: n ? "All caught up." : "Nothing unread." };
}
