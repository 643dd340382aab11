import "server-only";
import type { DbOrTx } from "@/db/client";
import { type LedgerEntry, ledgerForMedia } from "@/db/queries/credit-ledger";
import { getMediaForTeam, type Media } from "@/db/queries/media";
import { getExtendableVideo, listAssetsForMedia } from "@/db/queries/media-assets";
import { listGenerations } from "@/db/queries/media-generations";
import { isRefused } from "@/db/queries/upstream-refusals";
import { getUserById } from "@/db/queries/users";
import { urls } from "@/lib/urls";
import { parseMedia, variantKeys } from "@/lib/vimmerse";
import { GIF } from "./copies";
import { type CreateParams, readStoredParams } from "./create-schema";
import { inputThumbnailUrl, motionLabel, showableAssets } from "./gallery-cards";
import { MOTIONS, motionFor } from "./motions";
import { copiesComplete, isInFlight, type LiveItem } from "./status";
import { resendableAt } from "./submit";
import { waitingNote } from "./waiting";

// The detail page's model: the media, what can be played and downloaded, its history, and what
// may be changed, all read for one team. Pages render it; they ask the database nothing else.

export type Player = { key: string; videoUrl: string; posterUrl: string | null };
export type HistoryEntry = {
  id: string;
  number: number;
  kind: "create" | "resubmit" | "process";
  status: Media["status"];
  params: Record<string, unknown>;
  requester: string;
  createdAt: string;
  finishedAt: string | null;
  service: string | null;
  bulletVersion: string | null;
  error: string | null;
  /** What the ledger holds for this generation (an estimate); null when nothing was charged. */
  cost: { credits: number; state: LedgerEntry["state"] } | null;
};

export type MediaDetail = {
  media: Media;
  params: CreateParams;
  motionLabel: string;
  creator: string;
  live: LiveItem;
  players: Player[];
  /** Set when the players show an earlier version than the current one (a re-render is on). */
  previousVersion: string | null;
  downloadKeys: string[];
  /** Upstream makes GIFs (it has not refused the object type). */
  gifs: boolean;
  ready: boolean;
  history: HistoryEntry[];
  /** Credits this media has cost so far, refunds taken off (estimates, from the ledger). */
  credits: number;
  /** Why a new generation can't be asked for now; null when it can. */
  blocked: string | null;
  inputUrl: string | null;
  /** Motions a resubmission may switch to (same family of inputs). */
  motions: { id: string; label: string }[];
  source: { href: string; title: string; variantKey: string } | null;
  lastFailure: string | null;
  /** A paid call whose answer was lost and is being checked with Vimmerse. */
  checking: {
    since: string;
    /** A create: when it may be sent again (null for a process or edit, which resolves itself). */
    resendAt: string | null;
    canResend: boolean;
  } | null;
  /** Something the person should know about the last request (it was not seen upstream, say). */
  notice: string | null;
  /** A render waiting for a free slot (or upstream's backoff): where it stands in line. */
  waiting: string | null;
};

const byVariant = (a: { variantKey: string }, b: { variantKey: string }) =>
  a.variantKey.localeCompare(b.variantKey, "en", { numeric: true });

export async function loadMediaDetail(
  db: DbOrTx,
  team: { id: string; slug: string },
  id: string,
): Promise<MediaDetail | null> {
  const media = await getMediaForTeam(db, team.id, id);
  if (!media) return null;
  const p = readStoredParams(media.params);
  const [generations, assets, creator, source, gifRefused, ledger] = await Promise.all([
    listGenerations(db, team.id, media.id),
    listAssetsForMedia(db, team.id, media.id),
    media.createdBy ? getUserById(db, media.createdBy) : null,
    p.videoAssetId ? getExtendableVideo(db, team.id, p.videoAssetId) : null,
    isRefused(db, GIF),
    ledgerForMedia(db, team.id, media.id),
  ]);
  const waiting = await waitingNote({ db }, team.id, media);

  const shown = showableAssets(assets, media.bulletVersion).sort(byVariant);
  const mp4s = shown.filter((a) => a.kind === "mp4");
  const posterOf = (key: string) => shown.find((a) => a.kind === "poster" && a.variantKey === key);
  const current = mp4s.length > 0 && mp4s[0]!.bulletVersion === media.bulletVersion && !isInFlight(media.status);
  const copies = current ? mp4s.length : 0;
  const ready = copiesComplete({ status: media.status, copies, expected: p.quantity, finishedAt: media.finishedAt });
  const upstreamKeys = media.status === "success" ? variantKeys(parseMedia(media.upstream) ?? { posePresets: [] }) : [];
  const m = motionFor(p.motionType);
  const asset = (assetId: string) => urls.asset(team.slug, media.id, assetId);
  const resendAt = resendableAt(media);

  return {
    media,
    params: p,
    motionLabel: motionLabel(media.motionType),
    creator: creator?.name ?? creator?.email ?? "a former member",
    live: { id: media.id, status: media.status, progress: media.progress, ready },
    players: mp4s.map((a) => {
      const poster = posterOf(a.variantKey);
      return { key: a.variantKey, videoUrl: asset(a.id), posterUrl: poster ? asset(poster.id) : null };
    }),
    previousVersion: mp4s.length > 0 && !current ? (mp4s[0]!.bulletVersion ?? "0") : null,
    downloadKeys: current ? mp4s.map((a) => a.variantKey) : upstreamKeys,
    gifs: !gifRefused,
    ready,
    history: generations.map((g) => ({
      id: g.id,
      number: g.number,
      kind: g.kind,
      status: g.status,
      params: g.params,
      requester: g.requesterName ?? g.requesterEmail ?? "A former member",
      createdAt: g.createdAt.toISOString(),
      finishedAt: g.finishedAt?.toISOString() ?? null,
      service: [g.serviceName, g.serviceVersion].filter(Boolean).join(" ") || null,
      bulletVersion: g.bulletVersion,
      error: g.error,
      cost: costOf(ledger, media.id, g.number),
    })),
    credits: ledger.filter((e) => e.state !== "refunded").reduce((sum, e) => sum + e.credits, 0),
    blocked: media.deletedAt
      ? "Restore it from the Trash first."
      : media.status === "checking"
        ? "Available once Vimmerse has confirmed the last request."
        : media.status === "waiting"
          ? "Available once it has been sent and rendered."
          : !media.upstreamId
            ? "Send it to Vimmerse first (Retry, above)."
            : isInFlight(media.status)
              ? "Available once the current render has finished."
              : null,
    inputUrl: inputThumbnailUrl(team.slug, p.firstImage ?? p.personImage),
    motions: MOTIONS.filter((x) => (m.tryOn ? x.tryOn : !x.tryOn && (!p.extendVideo || x.extend))).map((x) => ({
      id: x.id,
      label: x.label,
    })),
    source: source && {
      href: urls.media(team.slug, source.mediaId),
      title: source.title,
      variantKey: source.variantKey,
    },
    lastFailure: generations[0]?.error ?? null,
    checking:
      media.status === "checking" && media.submittingAt
        ? {
            since: media.submittingAt.toISOString(),
            resendAt: resendAt?.toISOString() ?? null,
            canResend: resendAt !== null && resendAt.getTime() <= Date.now(),
          }
        : null,
    notice: ["not_submitted", "waiting", "checking"].includes(media.status) ? null : media.lastError,
    waiting,
  };
}

function costOf(ledger: LedgerEntry[], mediaId: string, generation: number): HistoryEntry["cost"] {
  const entry = ledger.find((e) => e.key === `${mediaId}:${generation}`);
  return entry ? { credits: entry.credits, state: entry.state } : null;
}
