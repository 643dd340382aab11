import { and, asc, desc, eq, ilike, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { media, mediaAssets, type MediaStatus } from "../media-schema";
import { users } from "../schema";

// The gallery: one team's media, newest (or oldest) first, a page at a time by KEYSET on
// (created_at, id), the order of media_team_created_idx. A page costs the same at the first or
// the thousandth page, and nothing ever counts the team's media.

export const STATUS_GROUPS = {
  rendering: ["queued", "processing"],
  ready: ["success"],
  failed: ["fail", "cancel"],
  not_submitted: ["not_submitted"],
} as const satisfies Record<string, readonly MediaStatus[]>;
export type StatusGroup = keyof typeof STATUS_GROUPS;

export type GalleryFilters = {
  status?: StatusGroup;
  motionType?: string;
  creator?: string;
  q?: string;
  sort: "newest" | "oldest";
};

/** created_at to the microsecond (a JS Date would drop them and skip or repeat rows) + id. */
export type Cursor = { at: string; id: string };

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at}|${c.id}`, "utf8").toString("base64url");
}

/** null for anything that is not a cursor we made (a hand-edited URL starts over). */
export function decodeCursor(raw: string | undefined | null): Cursor | null {
  if (!raw || raw.length > 200) return null;
  const [at, id, extra] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  return at && id && extra === undefined && AT.test(at) && UUID.test(id) ? { at, id } : null;
}

/**
 * The studio holds every variant of the current version: the moment a finished media counts as
 * ready to play. A media whose upstream made fewer variants than asked counts once it has some
 * and has been finished for a while, so nobody waits forever on a copy that will never come.
 */
export function copiesComplete(m: { status: MediaStatus; copies: number; expected: number; finishedAt: Date | null }, now = Date.now()): boolean {
  if (m.status !== "success" || m.copies < 1) return false;
  return m.copies >= m.expected || (m.finishedAt !== null && now - m.finishedAt.getTime() > 5 * 60_000);
}

/** How many videos a media was asked for (one pose preset, `quantity` of them). */
const expectedCopies = sql<number>`case when jsonb_typeof(${media.params}->'quantity') = 'number' then greatest(1, (${media.params}->>'quantity')::int) else 1 end`;
/** Finished copies of the media's current version. */
// Spelled out: in a single-table select drizzle leaves columns unqualified, and inside this
// sub-select a bare "id" would mean media_assets.id.
const currentCopies = sql<number>`(select count(*)::int from media_assets a where a.media_id = "media"."id" and a.kind = 'mp4' and a.bytes is not null and a.bullet_version is not distinct from "media"."bullet_version")`;

export type GalleryRow = {
  id: string;
  title: string;
  motionType: string;
  status: MediaStatus;
  progress: number;
  bulletVersion: string | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expected: number;
  createdBy: string | null;
  creatorName: string | null;
  creatorEmail: string | null;
};

export type GalleryPage = { rows: GalleryRow[]; next: string | null };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const cursorAt = sql<string>`to_char(${media.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

export async function listGalleryPage(db: DbOrTx, teamId: string, filters: GalleryFilters, cursor: Cursor | null, limit: number): Promise<GalleryPage> {
  const newest = filters.sort === "newest";
  const where: SQL[] = [eq(media.teamId, teamId)];
  if (filters.status) where.push(inArray(media.status, [...STATUS_GROUPS[filters.status]]));
  if (filters.motionType) where.push(eq(media.motionType, filters.motionType));
  if (filters.creator) where.push(eq(media.createdBy, filters.creator));
  if (filters.q) where.push(ilike(media.title, `%${likeEscape(filters.q)}%`));
  if (cursor) {
    const after = sql`(${cursor.at}::timestamp at time zone 'UTC', ${cursor.id}::uuid)`;
    where.push(newest ? sql`(${media.createdAt}, ${media.id}) < ${after}` : sql`(${media.createdAt}, ${media.id}) > ${after}`);
  }
  const rows = await db
    .select({
      id: media.id,
      title: media.title,
      motionType: media.motionType,
      status: media.status,
      progress: media.progress,
      bulletVersion: media.bulletVersion,
      lastError: media.lastError,
      createdAt: media.createdAt,
      finishedAt: media.finishedAt,
      expected: expectedCopies,
      createdBy: media.createdBy,
      creatorName: users.name,
      creatorEmail: users.email,
      at: cursorAt,
    })
    .from(media)
    .leftJoin(users, eq(users.id, media.createdBy))
    .where(and(...where))
    .orderBy(...(newest ? [desc(media.createdAt), desc(media.id)] : [asc(media.createdAt), asc(media.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ at: _at, ...r }) => r),
    next: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

export type CardAsset = { id: string; mediaId: string; kind: "mp4" | "gif" | "poster"; variantKey: string; bulletVersion: string | null };

/** The finished copies of the given media (one page's worth), for posters and previews. */
export async function listCardAssets(db: DbOrTx, teamId: string, mediaIds: string[]): Promise<CardAsset[]> {
  if (mediaIds.length === 0) return [];
  return db
    .select({ id: mediaAssets.id, mediaId: mediaAssets.mediaId, kind: mediaAssets.kind, variantKey: mediaAssets.variantKey, bulletVersion: mediaAssets.bulletVersion })
    .from(mediaAssets)
    .where(and(eq(mediaAssets.teamId, teamId), inArray(mediaAssets.mediaId, mediaIds), isNotNull(mediaAssets.bytes)));
}

export type MediaStatusRow = { id: string; status: MediaStatus; progress: number; copies: number; expected: number; finishedAt: Date | null };

/** What the status poll needs: from the app's own database, for the team's media only. */
export async function listMediaStatuses(db: DbOrTx, teamId: string, ids: string[]): Promise<MediaStatusRow[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  return db
    .select({
      id: media.id,
      status: media.status,
      progress: media.progress,
      copies: currentCopies,
      expected: expectedCopies,
      finishedAt: media.finishedAt,
    })
    .from(media)
    .where(and(eq(media.teamId, teamId), inArray(media.id, valid)));
}
