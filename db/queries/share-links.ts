import { and, desc, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { shareLinks } from "../library-schema";
import { users } from "../schema";

// Public links to one media. Reads and writes from the team side take the team id; the public
// side finds a link only by the hash of its token (the token itself is never stored).

export type ShareLink = typeof shareLinks.$inferSelect;
export type ShareLinkRow = ShareLink & { creatorName: string | null; creatorEmail: string | null };

export async function insertShareLink(
  db: DbOrTx,
  row: {
    teamId: string;
    mediaId: string;
    tokenHash: string;
    createdBy: string;
    expiresAt: Date | null;
    passwordHash: string | null;
    allowDownload: boolean;
  },
): Promise<ShareLink> {
  const [made] = await db.insert(shareLinks).values(row).returning();
  if (!made) throw new Error("share_links insert returned nothing");
  return made;
}

/** The links of one of the team's media, revoked ones included, newest first. */
export async function listShareLinksForMedia(db: DbOrTx, teamId: string, mediaId: string): Promise<ShareLinkRow[]> {
  if (!isUuid(mediaId)) return [];
  return db
    .select({
      ...getTableColumns(shareLinks),
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(and(eq(shareLinks.teamId, teamId), eq(shareLinks.mediaId, mediaId)))
    .orderBy(desc(shareLinks.createdAt));
}

/** Revokes one of the team's links; false when the team has no such live link. */
export async function revokeShareLink(db: DbOrTx, teamId: string, linkId: string): Promise<boolean> {
  if (!isUuid(linkId)) return false;
  const done = await db
    .update(shareLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(shareLinks.teamId, teamId), eq(shareLinks.id, linkId), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  return done.length > 0;
}

/** System read for the public page: the caller holds the token, so the link names its team. */
export async function findShareLinkByTokenHash(db: DbOrTx, tokenHash: string): Promise<ShareLink | null> {
  const [row] = await db.select().from(shareLinks).where(eq(shareLinks.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

/** One more view, counted in the database so concurrent loads never lose one. */
export async function countShareView(db: DbOrTx, linkId: string): Promise<void> {
  await db
    .update(shareLinks)
    .set({ views: sql`${shareLinks.views} + 1`, lastViewedAt: sql`now()` })
    .where(eq(shareLinks.id, linkId));
}
