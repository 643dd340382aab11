import {
  type AnyColumn,
  and,
  asc,
  count,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { DbOrTx } from "../client";
import { isUuid } from "../ids";
import { currentCopies, expectedCopies, type MediaStatus, media, SLOT_STATUSES } from "../media-schema";
import { users } from "../schema";
import { inCollection } from "./collections";
import { favouriteOf } from "./favourites";

// Reads of many media at once: the gallery, the status poll, and the reconciler's work lists.

// ---- the gallery ---------------------------------------------------------------------------
// One team's media, newest (or oldest) first, a page at a time by KEYSET on (created_at, id), the
// order of media_team_created_idx. A page costs the same at the first or the thousandth page,
// and nothing ever counts the team's media.

export type GalleryFilters = {
  statuses?: readonly MediaStatus[];
  motionType?: string;
  creator?: string;
  q?: string;
  /** The team's review of the version the page plays (its latest successful generation). */
  review?: "approved" | "changes_requested";
  /** In this collection of the team's. */
  collectionId?: string;
  /** Favourited by this user. */
  favouritesOf?: string;
  sort: "newest" | "oldest";
};

/** The filters that narrow the gallery to a set kept in its own table (collection, favourites). */
const memberships = (teamId: string, f: GalleryFilters): SQL[] => [
  ...(f.collectionId ? [inCollection(teamId, f.collectionId)] : []),
  ...(f.favouritesOf ? [favouriteOf(teamId, f.favouritesOf)] : []),
];

// Written out: inside the subquery an unqualified column would mean media_generations'.
const reviewOf = (review: string) => sql`exists (
  select 1 from media_generations g
  where g.media_id = "media"."id" and g.team_id = "media"."team_id" and g.review = ${review}
    and g.number = (select max(g2.number) from media_generations g2 where g2.media_id = "media"."id" and g2.status = 'success'))`;

/** created_at to the microsecond (a JS Date would drop them and skip or repeat rows) + id. */
export type Cursor = { at: string; id: string };

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
  /** The first input photo's upload id (or link), shown blurred while there is no video yet. */
  inputImage: string | null;
  createdBy: string | null;
  creatorName: string | null;
  creatorEmail: string | null;
};

export type GalleryPage = {
  rows: GalleryRow[];
  /** Where the next page starts; null at the end. */
  next: Cursor | null;
  /** The page ended because a filtered look reached its bound, not because it was full. */
  partial: boolean;
};

/** How far one filtered page looks: a title search is a scan, and a scan must be bounded. */
export const FILTER_WINDOW = 2_000;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// The gallery's columns, read from `media` or from the bounded window over it.
function columns() {
  return {
    id: media.id,
    title: media.title,
    motionType: media.motionType,
    status: media.status,
    progress: media.progress,
    bulletVersion: media.bulletVersion,
    lastError: media.lastError,
    createdAt: media.createdAt,
    finishedAt: media.finishedAt,
    createdBy: media.createdBy,
    expected: expectedCopies.as("expected"),
    inputImage: sql<string | null>`coalesce(${media.params}->>'firstImage', ${media.params}->>'personImage')`.as(
      "input_image",
    ),
    at: sql<string>`to_char(${media.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`.as("at"),
  };
}

type Keyed = { createdAt: AnyColumn | SQL.Aliased; id: AnyColumn | SQL.Aliased };

// NULLS LAST/FIRST as the index has them (drizzle-kit writes DESC NULLS LAST): a plain DESC
// means NULLS FIRST to PostgreSQL, which then cannot read the order from the index at all.
const orderOf = (c: Keyed, newest: boolean, reverse = false) =>
  newest !== reverse
    ? [sql`${c.createdAt} desc nulls last`, sql`${c.id} desc nulls last`]
    : [sql`${c.createdAt} asc nulls first`, sql`${c.id} asc nulls first`];

/** Strictly after the cursor, spelled out so the planner gets a range on created_at to start at. */
function after(c: Keyed, cursor: Cursor, newest: boolean): SQL {
  const at = sql`(${cursor.at}::timestamp at time zone 'UTC')`;
  return newest
    ? sql`${c.createdAt} <= ${at} and (${c.createdAt} < ${at} or ${c.id} < ${cursor.id}::uuid)`
    : sql`${c.createdAt} >= ${at} and (${c.createdAt} > ${at} or ${c.id} > ${cursor.id}::uuid)`;
}

/** The bound of a filtered look: through the cursor's next `window` media, and no further. */
function through(c: Keyed, edge: Cursor, newest: boolean): SQL {
  const at = sql`(${edge.at}::timestamp at time zone 'UTC')`;
  return newest
    ? sql`${c.createdAt} >= ${at} and (${c.createdAt} > ${at} or ${c.id} >= ${edge.id}::uuid)`
    : sql`${c.createdAt} <= ${at} and (${c.createdAt} < ${at} or ${c.id} <= ${edge.id}::uuid)`;
}

/**
 * The `window`-th media past the cursor in gallery order (read from the index alone), or null
 * when fewer remain. A filtered page looks no further than it, so a rare filter or a title
 * search costs the same at 100 media as at 100,000.
 */
async function windowEdge(db: DbOrTx, base: SQL | undefined, newest: boolean, window: number): Promise<Cursor | null> {
  // A fixed OFFSET inside the window (never a page depth): an index-only skip of `window`
  // entries, with the timestamp formatted once, outside, for the one row kept.
  const w = db
    .select({ createdAt: media.createdAt, id: media.id })
    .from(media)
    .where(base)
    .orderBy(...orderOf(media, newest))
    .limit(1)
    .offset(window - 1)
    .as("w");
  const [row] = await db
    .select({ at: sql<string>`to_char(${w.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`, id: w.id })
    .from(w);
  return row ?? null;
}

/**
 * A page of the gallery. Unfiltered, it reads the next `limit` entries of the index. Filtered,
 * it looks at no more than FILTER_WINDOW media past the cursor (index order, then the filters
 * on those): when that stretch holds fewer matches than a page, the page is short and the next
 * one starts after the stretch, so every request costs the same at any team size, and walking
 * the pages still yields every match once, in order.
 */
export async function listGalleryPage(
  db: DbOrTx,
  teamId: string,
  filters: GalleryFilters,
  cursor: Cursor | null,
  limit: number,
  window = FILTER_WINDOW,
): Promise<GalleryPage> {
  const newest = filters.sort === "newest";
  const filtered = Boolean(filters.statuses || filters.motionType || filters.creator || filters.q || filters.review);
  const sets = memberships(teamId, filters);
  const scope = and(eq(media.teamId, teamId), cursor ? after(media, cursor, newest) : undefined);
  // Trashed media are out of the gallery. The bound of a filtered look still counts them: it stays
  // an index-only read, and a bound only decides where a page stops looking.
  const base = and(scope, isNull(media.deletedAt));
  const where: SQL[] = [];
  if (filters.statuses) where.push(inArray(media.status, [...filters.statuses]));
  if (filters.motionType) where.push(eq(media.motionType, filters.motionType));
  if (filters.creator) where.push(eq(media.createdBy, filters.creator));
  if (filters.q) where.push(ilike(media.title, `%${likeEscape(filters.q)}%`));
  if (filters.review) where.push(reviewOf(filters.review));
  // A collection or the favourites is a set of its own table: PostgreSQL reads a small one from
  // its primary key and sorts it, or walks the gallery's index checking each media against a
  // large one, so no window is needed and a sparse set is found whole on one page (measured at
  // 100,000 media: under a millisecond either way). Other filters stop at the bound.
  const bound = filtered && sets.length === 0 ? await windowEdge(db, scope, newest, window) : null;
  if (bound) where.push(through(media, bound, newest));
  // No join in these queries: with one, the planner may sort the whole team instead of reading the index.
  const rows: (Omit<GalleryRow, "creatorName" | "creatorEmail"> & { at: string })[] = await db
    .select(columns())
    .from(media)
    .where(and(base, ...where, ...sets))
    .orderBy(...orderOf(media, newest))
    .limit(limit + 1);
  // A short page that stopped at the bound: the next one starts past the stretch looked at.
  const edge = rows.length <= limit ? bound : null;
  const page = rows.slice(0, limit);
  const creatorIds = [...new Set(page.map((r) => r.createdBy).filter((id): id is string => id !== null))];
  const creators = new Map(
    creatorIds.length
      ? (
          await db
            .select({ id: users.id, name: users.name, email: users.email })
            .from(users)
            .where(inArray(users.id, creatorIds))
        ).map((u) => [u.id, u])
      : [],
  );
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? { at: last.at, id: last.id } : edge;
  return {
    rows: page.map(({ at: _at, ...r }) => ({
      ...r,
      creatorName: creators.get(r.createdBy ?? "")?.name ?? null,
      creatorEmail: creators.get(r.createdBy ?? "")?.email ?? null,
    })),
    next,
    partial: edge !== null,
  };
}

// ---- the status poll -----------------------------------------------------------------------

export type MediaStatusRow = {
  id: string;
  status: MediaStatus;
  progress: number;
  copies: number;
  expected: number;
  finishedAt: Date | null;
};

/** What the status poll needs: from the app's own database, for the team's media only. */
export async function listMediaStatuses(db: DbOrTx, teamId: string, ids: string[]): Promise<MediaStatusRow[]> {
  const valid = ids.filter(isUuid);
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

/** How many finished videos the team has: to tell "no videos yet" from "no copies yet". */
export async function countFinishedMedia(db: DbOrTx, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(media)
    .where(and(eq(media.teamId, teamId), eq(media.status, "success"), isNull(media.deletedAt)));
  return row?.n ?? 0;
}

// ---- the reconciler's work lists ---------------------------------------------------------

/** Upstream is working on it (or may be): rendering, or a paid call on an upstream media unresolved. */
const inFlight = or(
  inArray(media.status, ["queued", "processing"]),
  and(eq(media.status, "checking"), or(isNotNull(media.upstreamId), isNotNull(media.candidateUpstreamId))),
);

/**
 * Media to ask upstream about, the longest unchecked first: still in flight, or failed only on
 * the app's inference that upstream lost them (repeated 404s) since `goneSince`.
 */
export async function listInFlight(
  db: DbOrTx,
  limit: number,
  notSince: Date,
  goneSince: Date = new Date(),
): Promise<{ id: string; teamId: string }[]> {
  const presumedGone = and(eq(media.status, "fail"), gt(media.presumedGoneAt, goneSince));
  return db
    .select({ id: media.id, teamId: media.teamId })
    .from(media)
    .where(and(or(inFlight, presumedGone), or(isNull(media.syncedAt), lt(media.syncedAt, notSince))))
    .orderBy(sql`${media.syncedAt} asc nulls first`)
    .limit(limit);
}

/**
 * Of the team's media someone is watching, takes up to `limit` in flight and unchecked for
 * `staleMs`, marking them checked now: of any number of concurrent polls only one gets each.
 * The database's clock decides, so app servers whose clocks disagree cannot both take one.
 */
export async function claimWatchedForRefresh(
  db: DbOrTx,
  teamId: string,
  ids: string[],
  staleMs: number,
  limit: number,
): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const unchecked = or(
    isNull(media.syncedAt),
    lt(media.syncedAt, sql`now() - make_interval(secs => ${staleMs / 1000})`),
  );
  const due = db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.teamId, teamId), inArray(media.id, valid), inFlight, unchecked))
    .orderBy(sql`${media.syncedAt} asc nulls first`)
    .limit(limit);
  const rows = await db
    .update(media)
    .set({ syncedAt: sql`now()` })
    // Re-checked on the locked row: a concurrent poll may have claimed it since the select.
    .where(and(eq(media.teamId, teamId), inArray(media.id, due), unchecked))
    .returning({ id: media.id });
  return rows.map((r) => r.id);
}

// ---- renders waiting their turn (lib/media/waiting.ts) ----------------------------------------

// A trashed media waits without being sent (its reservation stays until restored or purged).
const dueWaiting = (now: Date) =>
  and(
    isNotNull(media.waitingSince),
    isNull(media.deletedAt),
    eq(media.status, "waiting"),
    or(isNull(media.sendAfter), lte(media.sendAfter, now)),
  );

/** Media due to be sent, each team's line oldest first (of one team, or of every team). */
export async function listDueWaiting(
  db: DbOrTx,
  now: Date,
  limit: number,
  teamId?: string,
): Promise<{ id: string; teamId: string }[]> {
  return db
    .select({ id: media.id, teamId: media.teamId })
    .from(media)
    .where(and(dueWaiting(now), teamId ? eq(media.teamId, teamId) : undefined))
    .orderBy(asc(media.waitingSince), asc(media.id))
    .limit(limit);
}

/** Where a waiting media stands: the renders its team has in flight, and how many wait before it. */
export async function waitingPlace(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
): Promise<{ active: number; ahead: number } | null> {
  if (!isUuid(mediaId)) return null;
  const [self] = await db
    .select({ waitingSince: media.waitingSince })
    .from(media)
    .where(and(eq(media.teamId, teamId), eq(media.id, mediaId), eq(media.status, "waiting")));
  if (!self?.waitingSince) return null;
  const ofTeam = (...more: (SQL | undefined)[]) => and(eq(media.teamId, teamId), ...more);
  const [[active], [ahead]] = await Promise.all([
    db
      .select({ n: count() })
      .from(media)
      .where(ofTeam(inArray(media.status, [...SLOT_STATUSES]))),
    db
      .select({ n: count() })
      .from(media)
      .where(
        ofTeam(
          isNotNull(media.waitingSince),
          isNull(media.deletedAt),
          eq(media.status, "waiting"),
          lt(media.waitingSince, self.waitingSince),
        ),
      ),
  ]);
  return { active: active?.n ?? 0, ahead: ahead?.n ?? 0 };
}
