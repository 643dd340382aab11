import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { isUuid } from "@/db/ids";
import { getCollection } from "@/db/queries/collections";
import { favouritedAmong } from "@/db/queries/favourites";
import { listCardAssets } from "@/db/queries/media-assets";
import { type Cursor, FILTER_WINDOW, listGalleryPage } from "@/db/queries/media-lists";
import { listMembers } from "@/db/queries/teams";
import { urls } from "@/lib/urls";
import { type CardData, motionLabel, toCards } from "./gallery-cards";
import { MOTION_TYPES } from "./motions";
import { STATUS_GROUPS, type StatusGroup } from "./status";

// The gallery page's model: filters from the URL, one keyset page of cards, and the links to
// the pages around it. The cursor in the URL is opaque; a hand-edited one starts over.

export const GALLERY_PAGE_SIZE = 24;
export { FILTER_WINDOW };

// Filters come from the URL; a value that is not one we offer is ignored rather than an error.
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
export const gallerySearchSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).optional()).catch(undefined),
  status: z
    .preprocess(first, z.enum(Object.keys(STATUS_GROUPS) as [StatusGroup, ...StatusGroup[]]).optional())
    .catch(undefined),
  motion: z.preprocess(first, z.enum(MOTION_TYPES).optional()).catch(undefined),
  creator: z.preprocess(first, z.string().max(100).optional()).catch(undefined),
  review: z.preprocess(first, z.enum(["approved", "changes_requested"]).optional()).catch(undefined),
  /** One of the team's collections (lib/library/collections.ts). */
  collection: z.preprocess(first, z.string().refine(isUuid).optional()).catch(undefined),
  /** "1": only the viewer's favourites. */
  favourites: z.preprocess(first, z.literal("1").optional()).catch(undefined),
  sort: z.preprocess(first, z.enum(["newest", "oldest"]).default("newest")).catch("newest"),
  cursor: z.preprocess(first, z.string().max(200).optional()).catch(undefined),
});
export type GallerySearch = z.output<typeof gallerySearchSchema>;

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at}|${c.id}`, "utf8").toString("base64url");
}

/** null for anything that is not a cursor we made (a hand-edited URL starts over). */
export function decodeCursor(raw: string | undefined | null): Cursor | null {
  if (!raw || raw.length > 200) return null;
  const [at, id, extra] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  return at && id && extra === undefined && AT.test(at) && isUuid(id) ? { at, id } : null;
}

export type Gallery = {
  search: GallerySearch;
  cards: CardData[];
  /** The URL of the next page; null at the end. */
  nextHref: string | null;
  /** The first page with the same filters. */
  firstHref: string;
  /** The page ended because a filtered look reached its bound, not because it was full. */
  partial: boolean;
  filtered: boolean;
  /** This is not the first page. */
  paged: boolean;
  motions: { value: string; label: string }[];
  creators: { value: string; label: string }[];
  /** The collection the gallery is narrowed to. */
  collection: { id: string; name: string } | null;
};

/** The gallery of a collection that is not the team's: the page answers 404. */
export class UnknownCollection extends Error {}

export async function loadGallery(
  db: DbOrTx,
  team: { id: string; slug: string },
  viewerId: string,
  raw: unknown,
): Promise<Gallery> {
  const sp = gallerySearchSchema.parse(raw);
  // Another team's collection (or a deleted one) reads as unknown: a 404, never an empty page.
  const collection = sp.collection ? await getCollection(db, team.id, sp.collection) : null;
  if (sp.collection && !collection) throw new UnknownCollection();
  const statuses = sp.status ? STATUS_GROUPS[sp.status] : undefined;
  const filters = {
    statuses,
    motionType: sp.motion,
    creator: sp.creator,
    q: sp.q || undefined,
    review: sp.review,
    collectionId: collection?.id,
    favouritesOf: sp.favourites ? viewerId : undefined,
    sort: sp.sort,
  };
  const cursor = decodeCursor(sp.cursor);
  const [page, members] = await Promise.all([
    listGalleryPage(db, team.id, filters, cursor, GALLERY_PAGE_SIZE),
    listMembers(db, team.id),
  ]);
  const ids = page.rows.map((r) => r.id);
  const [assets, starred] = await Promise.all([
    listCardAssets(db, team.id, ids),
    favouritedAmong(db, team.id, viewerId, ids),
  ]);
  const href = (c: string | null) => {
    const q = new URLSearchParams();
    const sort = sp.sort === "oldest" ? "oldest" : undefined;
    for (const [k, v] of Object.entries({
      q: sp.q,
      status: sp.status,
      motion: sp.motion,
      creator: sp.creator,
      review: sp.review,
      collection: collection?.id,
      favourites: sp.favourites,
      sort,
      cursor: c,
    })) {
      if (v) q.set(k, v);
    }
    return q.size ? `${urls.team(team.slug)}?${q}` : urls.team(team.slug);
  };
  return {
    search: sp,
    cards: toCards(team.slug, page.rows, assets, starred),
    nextHref: page.next ? href(encodeCursor(page.next)) : null,
    firstHref: href(null),
    partial: page.partial,
    filtered: Boolean(
      statuses || filters.motionType || filters.creator || filters.q || filters.review || collection || sp.favourites,
    ),
    paged: cursor !== null,
    motions: MOTION_TYPES.map((m) => ({ value: m, label: motionLabel(m) })),
    creators: members.map((m) => ({ value: m.userId, label: m.name ?? m.email ?? "Member" })),
    collection: collection ? { id: collection.id, name: collection.name } : null,
  };
}
