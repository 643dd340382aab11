import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { type ActivityCursor, type ActivityRow, listActivity } from "@/db/queries/activity";
import { urls } from "@/lib/urls";
import { describeActivity, fill, type Part, someone, titleOf } from "./describe";

// The team's activity page: one keyset page of lines, newest first. A line links its video
// while the video is still in the library; a trashed or purged one is named, not linked.

export const FEED_PAGE = 30;

export type FeedLine = {
  id: string;
  kind: ActivityRow["kind"];
  parts: Part[];
  /** Where {media} links, or null (trashed, purged, or no single video). */
  href: string | null;
  createdAt: string;
};

export type Feed = { lines: FeedLine[]; next: string | null };

// Postgres's own text for a timestamptz ("2026-12-02 21:45:30.123456+00"): handed back as is.
const PG_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const cursorSchema = z.object({ at: z.string().regex(PG_TIME), id: z.uuid() });

/** "?after=" as the page got it: anything that does not parse is the first page. */
export function parseCursor(raw: unknown): ActivityCursor | null {
  if (typeof raw !== "string" || raw.length > 200) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const encodeCursor = (c: ActivityCursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

export async function loadFeed(db: DbOrTx, team: { id: string; slug: string }, after: unknown): Promise<Feed> {
  const rows = await listActivity(db, team.id, { cursor: parseCursor(after), limit: FEED_PAGE + 1 });
  const page = rows.slice(0, FEED_PAGE);
  const last = page.at(-1);
  return {
    lines: page.map((r) => lineOf(r, team.slug)),
    next: rows.length > FEED_PAGE && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

function lineOf(r: ActivityRow, slug: string): FeedLine {
  const d = r.data;
  const self = r.kind === "member_joined" || (r.kind === "member_left" && !d.removed);
  const actor =
    r.actorName || r.actorEmail ? someone(r.actorName, r.actorEmail) : someone(self ? str(d.memberName) : null);
  const parts = fill(describeActivity(r.kind, d), {
    actor,
    media: titleOf(r.mediaTitle, d.title),
    member: someone(str(d.memberName)),
    generation: String(d.generation ?? ""),
  });
  return {
    id: r.id,
    kind: r.kind,
    parts,
    href: r.mediaId && !r.mediaTrashed ? urls.media(slug, r.mediaId) : null,
    createdAt: r.createdAt.toISOString(),
  };
}

const str = (v: unknown) => (typeof v === "string" ? v : null);
