import "server-only";
import type { DbOrTx } from "@/db/client";
import { getMediaForTeam, type Media } from "@/db/queries/media";
import { findShareLinkByTokenHash, type ShareLink } from "@/db/queries/share-links";
import { type SharedCopy, sharedCopy } from "./shared-copy";
import { hashShareToken, isShareToken } from "./tokens";

// A token from the address bar, to what it may show. Unknown, revoked, or pointing at a media
// that has nothing to play: "gone" (404, the same for all three, so nothing is learnt). Past its
// expiry: "expired" (410), told apart because the person holding it was once meant to see it.

export type Resolved =
  | { kind: "gone" }
  | { kind: "expired" }
  | { kind: "ok"; link: ShareLink; media: Media; copy: SharedCopy };

export async function resolveShare(db: DbOrTx, token: unknown, now = new Date()): Promise<Resolved> {
  if (!isShareToken(token)) return { kind: "gone" };
  const link = await findShareLinkByTokenHash(db, hashShareToken(token));
  if (!link || link.revokedAt) return { kind: "gone" };
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return { kind: "expired" };
  // The link names its own team: the media is read within it, never across teams.
  // A media in the Trash is out of sight for the team, so for its links too.
  const media = await getMediaForTeam(db, link.teamId, link.mediaId);
  const copy = media && !media.deletedAt && (await sharedCopy(db, media));
  if (!media || !copy) return { kind: "gone" };
  return { kind: "ok", link, media, copy };
}
