import "server-only";
import type { DbOrTx } from "@/db/client";
import { listTrash } from "@/db/queries/trash";
import { motionLabel } from "@/lib/media/gallery-cards";
import type { Actor } from "@/lib/teams/service";
import { urls } from "@/lib/urls";
import { canDeleteForever, canTrash, purgeDateOf, retainedSince } from "./trash";

// What the Trash page and a trashed media's page show; rights are worked out here, once.

/** How many trashed media the page lists (the purge keeps the Trash to 30 days of deletions). */
export const TRASH_PAGE_SIZE = 200;

export const trashUrl = (slug: string) => `${urls.team(slug)}/trash`;

export type TrashItem = {
  id: string;
  title: string;
  href: string;
  motion: string;
  deletedAt: string;
  deletedBy: string;
  purgeAt: string;
  /** Whole days before the purge; 0 = any time now (past restoring). */
  daysLeft: number;
  canRestore: boolean;
};

export type TrashView = { items: TrashItem[]; canDeleteForever: boolean; more: boolean };

const daysUntil = (at: Date, now: Date) => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 86_400_000));

export async function loadTrash(
  db: DbOrTx,
  team: { id: string; slug: string },
  actor: Actor,
  now = new Date(),
): Promise<TrashView> {
  const rows = await listTrash(db, team.id, TRASH_PAGE_SIZE + 1);
  const since = retainedSince(now);
  return {
    items: rows.slice(0, TRASH_PAGE_SIZE).map((r) => {
      const purgeAt = purgeDateOf(r.deletedAt);
      return {
        id: r.id,
        title: r.title || "Untitled video",
        href: urls.media(team.slug, r.id),
        motion: motionLabel(r.motionType),
        deletedAt: r.deletedAt.toISOString(),
        deletedBy: r.deletedByName ?? r.deletedByEmail ?? "A former member",
        purgeAt: purgeAt.toISOString(),
        daysLeft: daysUntil(purgeAt, now),
        canRestore: r.deletedAt > since && canTrash(actor, r.createdBy),
      };
    }),
    canDeleteForever: canDeleteForever(actor.role),
    more: rows.length > TRASH_PAGE_SIZE,
  };
}

/** A media page's trash controls: a Delete button, or the Trash banner with Restore. */
export type MediaTrashState = {
  trashedAt: string | null;
  purgeAt: string | null;
  /** May delete it (in the library) or restore it (in the Trash, still restorable). */
  allowed: boolean;
};

export function mediaTrashState(
  m: { createdBy: string | null; deletedAt: Date | null },
  actor: Pick<Actor, "userId" | "role">,
  now = new Date(),
): MediaTrashState {
  const restorable = m.deletedAt === null || m.deletedAt > retainedSince(now);
  return {
    trashedAt: m.deletedAt?.toISOString() ?? null,
    purgeAt: m.deletedAt ? purgeDateOf(m.deletedAt).toISOString() : null,
    allowed: restorable && canTrash(actor, m.createdBy),
  };
}
