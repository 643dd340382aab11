import "server-only";
import type { DbOrTx } from "@/db/client";
import { getMediaForTeam } from "@/db/queries/media";
import { insertShareLink, listShareLinksForMedia, revokeShareLink } from "@/db/queries/share-links";
import { recordActivity } from "@/lib/activity/record";
import { hashPassword } from "@/lib/auth/password";
import { type FormState, fieldErrorsOf } from "@/lib/form-state";
import { absoluteUrl } from "@/lib/urls";
import { createShareSchema, revokeShareSchema } from "./schemas";
import { sharedCopy } from "./shared-copy";
import { newShareToken, shareUrls } from "./tokens";

// The team's side of share links: make one, list them, revoke one. Every read and write takes the
// team id, so another team's media or link answers exactly like one that does not exist.

export type ShareDeps = { db: DbOrTx; appUrl: string };
type Who = { teamId: string; userId: string };

export const NOT_SHAREABLE = "Only a finished video with a stored MP4 copy can be shared. Wait for it to finish.";
const NO_MEDIA = "That video doesn't exist in this team.";

/** The full URL comes back once, here; afterwards only its hash exists. */
export type CreateShareState = FormState & { url?: string };

export async function createShareLinkAs(deps: ShareDeps, who: Who, raw: unknown): Promise<CreateShareState> {
  const parsed = createShareSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const media = await getMediaForTeam(deps.db, who.teamId, input.mediaId);
  if (!media) return { error: NO_MEDIA };
  if (media.status !== "success" || media.deletedAt || !(await sharedCopy(deps.db, media)))
    return { error: NOT_SHAREABLE };
  const { token, tokenHash } = newShareToken();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await deps.db.transaction(async (tx) => {
    await insertShareLink(tx, {
      teamId: who.teamId,
      mediaId: media.id,
      tokenHash,
      createdBy: who.userId,
      expiresAt: input.expiresAt,
      passwordHash,
      allowDownload: input.allowDownload,
    });
    const line = { teamId: who.teamId, actorId: who.userId, mediaId: media.id, data: { title: media.title } };
    await recordActivity(tx, { ...line, kind: "shared" });
  });
  return {
    ok: true,
    message: "Link created. Copy it now: it is shown only once.",
    url: absoluteUrl(deps.appUrl, shareUrls.page(token)),
  };
}

export async function revokeShareLinkAs(deps: ShareDeps, who: Who, raw: unknown): Promise<FormState> {
  const parsed = revokeShareSchema.safeParse(raw);
  if (!parsed.success) return { error: "Pick a link to revoke." };
  const done = await revokeShareLink(deps.db, who.teamId, parsed.data.linkId);
  return done ? { ok: true, message: "Link revoked." } : { error: "That link doesn't exist or is already revoked." };
}

export type ShareLinkView = {
  id: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  expired: boolean;
  revoked: boolean;
  password: boolean;
  allowDownload: boolean;
  views: number;
  lastViewedAt: string | null;
};

/** The share dialog's model: whether the media can be shared and its links (never a token). */
export async function loadShareView(
  db: DbOrTx,
  teamId: string,
  mediaId: string,
): Promise<{ shareable: boolean; links: ShareLinkView[] } | null> {
  const media = await getMediaForTeam(db, teamId, mediaId);
  if (!media) return null;
  const [copy, rows] = await Promise.all([sharedCopy(db, media), listShareLinksForMedia(db, teamId, media.id)]);
  const now = Date.now();
  return {
    shareable: media.status === "success" && !media.deletedAt && copy !== null,
    links: rows.map((r) => ({
      id: r.id,
      createdBy: r.creatorName ?? r.creatorEmail ?? "A former member",
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      expired: r.expiresAt !== null && r.expiresAt.getTime() <= now,
      revoked: r.revokedAt !== null,
      password: r.passwordHash !== null,
      allowDownload: r.allowDownload,
      views: r.views,
      lastViewedAt: r.lastViewedAt?.toISOString() ?? null,
    })),
  };
}
