import { ArrowLeft, Film, Shuffle, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { assetUrl, motionLabel, showableAssets, uploadUrl } from "@/components/gallery/card-data";
import { formatWhen } from "@/components/media/describe";
import { DetailsForm } from "@/components/media/details-form";
import { DownloadForm } from "@/components/media/download-form";
import { HistoryList } from "@/components/media/history-list";
import { InputsCard } from "@/components/media/inputs-card";
import { LiveBadge, LiveProgress, LiveStatusProvider } from "@/components/media/live-status";
import { ProcessAgain, ResubmitForm } from "@/components/media/regenerate";
import { RetrySubmit } from "@/components/media/retry-submit";
import { VariantPlayers } from "@/components/media/variant-players";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getMediaForTeam } from "@/db/queries/media";
import { listAssetsForMedia } from "@/db/queries/media-assets";
import { getExtendableVideo } from "@/db/queries/media-create";
import { listGenerations } from "@/db/queries/media-history";
import { copiesComplete } from "@/db/queries/media-list";
import { getUserById } from "@/db/queries/users";
import { requireTeamPage } from "@/lib/auth/session";
import { readStoredParams } from "@/lib/media/create-schema";
import { MOTIONS, motionFor } from "@/lib/media/motions";
import { isInFlight } from "@/lib/media/status";
import { parseMedia, variantKeys } from "@/lib/vimmerse";

export const metadata: Metadata = { title: "Video" };

type Props = { params: Promise<{ team: string; id: string }> };

const byVariant = (a: { variantKey: string }, b: { variantKey: string }) => a.variantKey.localeCompare(b.variantKey, "en", { numeric: true });

export default async function MediaPage({ params }: Props) {
  const { team: slug, id } = await params;
  const { team } = await requireTeamPage(slug);
  const db = getDb();
  const media = await getMediaForTeam(db, team.id, id);
  if (!media) notFound();
  const p = readStoredParams(media.params);
  const [generations, assets, creator, source] = await Promise.all([
    listGenerations(db, team.id, media.id),
    listAssetsForMedia(db, team.id, media.id),
    media.createdBy ? getUserById(db, media.createdBy) : null,
    p.videoAssetId ? getExtendableVideo(db, team.id, p.videoAssetId) : null,
  ]);
  const base = `/t/${team.slug}`;

  const shown = showableAssets(assets, media.bulletVersion).sort(byVariant);
  const mp4s = shown.filter((a) => a.kind === "mp4");
  const posterOf = (key: string) => shown.find((a) => a.kind === "poster" && a.variantKey === key);
  const current = mp4s.length > 0 && mp4s[0]!.bulletVersion === media.bulletVersion && !isInFlight(media.status);
  const ready = copiesComplete({ status: media.status, copies: current ? mp4s.length : 0, expected: p.quantity, finishedAt: media.finishedAt });
  const upstreamKeys = media.status === "success" ? variantKeys(parseMedia(media.upstream) ?? { posePresets: [] }) : [];
  const downloadKeys = current ? mp4s.map((a) => a.variantKey) : upstreamKeys;
  const latest = generations[0];
  const live = { id: media.id, status: media.status, progress: media.progress, ready };
  const blocked = !media.upstreamId
    ? "Send it to Vimmerse first (Retry, above)."
    : isInFlight(media.status)
      ? "Available once the current render has finished."
      : null;
  const inputUrl = uploadUrl(team.slug, p.firstImage ?? p.personImage);
  const m = motionFor(p.motionType);
  const motions = MOTIONS.filter((x) => (m.tryOn ? x.tryOn : !x.tryOn && (!p.extendVideo || x.extend))).map((x) => ({ id: x.id, label: x.label }));

  return (
    <LiveStatusProvider team={team.slug} items={[live]}>
      <div className="grid gap-6">
        <div className="grid gap-3">
          <Link href={base} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeft className="size-4" aria-hidden /> Gallery
          </Link>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="grid min-w-0 gap-1.5">
              <div className="flex flex-wrap items-center gap-2">
                <h1 className="text-2xl font-semibold tracking-tight break-words">{media.title || "Untitled video"}</h1>
                <LiveBadge item={live} />
              </div>
              <p className="text-sm text-muted-foreground">
                {motionLabel(media.motionType)} · by {creator?.name ?? creator?.email ?? "a former member"} · <time dateTime={media.createdAt.toISOString()}>{formatWhen(media.createdAt)}</time>
              </p>
            </div>
            <Button asChild variant="outline">
              <Link href={`${base}/create?remix=${media.id}`}>
                <Shuffle aria-hidden /> Remix
              </Link>
            </Button>
          </div>
        </div>

        <div className="grid gap-6 lg:grid-cols-3">
          <div className="grid content-start gap-6 lg:col-span-2">
            <section aria-label="Videos" className="grid gap-3">
              {media.status === "not_submitted" && (
                <Alert variant="warning">
                  <TriangleAlert aria-hidden />
                  <AlertTitle>Not sent to Vimmerse yet</AlertTitle>
                  <AlertDescription>
                    <p>{media.lastError ?? "This video is saved but was never sent."}</p>
                    <RetrySubmit team={team.slug} mediaId={media.id} />
                  </AlertDescription>
                </Alert>
              )}
              {(media.status === "fail" || media.status === "cancel") && (
                <Alert variant="destructive">
                  <TriangleAlert aria-hidden />
                  <AlertTitle>{media.status === "fail" ? "This render failed" : "This render was cancelled"}</AlertTitle>
                  <AlertDescription>
                    <p>{latest?.error ?? "Vimmerse could not make this video."} You can process it again or change its settings below.</p>
                  </AlertDescription>
                </Alert>
              )}
              {mp4s.length > 0 ? (
                <>
                  <VariantPlayers
                    variants={mp4s.map((a) => {
                      const poster = posterOf(a.variantKey);
                      return { key: a.variantKey, videoUrl: assetUrl(team.slug, media.id, a.id), posterUrl: poster ? assetUrl(team.slug, media.id, poster.id) : null };
                    })}
                    caption={current ? undefined : `Previous version (v${mp4s[0]!.bulletVersion})`}
                  />
                  <LiveProgress item={live} showLabel className="rounded-xl border bg-card p-4 shadow-sm" />
                </>
              ) : (
                media.status !== "not_submitted" &&
                media.status !== "fail" &&
                media.status !== "cancel" && (
                  <div className="relative grid aspect-video place-items-center overflow-hidden rounded-xl border bg-gradient-to-br from-primary/10 via-muted to-primary/5 pb-16 sm:pb-0">
                    {inputUrl && (
                      // eslint-disable-next-line @next/next/no-img-element -- the team's private upload
                      <img src={inputUrl} alt="" className="absolute inset-0 size-full scale-110 object-cover opacity-50 blur-lg" />
                    )}
                    <div className="relative grid justify-items-center gap-2 text-sm text-foreground/80">
                      <Film className="size-10 animate-pulse motion-reduce:animate-none" aria-hidden />
                      <span>Your video will appear here.</span>
                    </div>
                    <LiveProgress item={live} showLabel className="absolute inset-x-3 bottom-3 rounded-lg bg-background/90 p-3 shadow-sm sm:inset-x-4 sm:bottom-4" />
                  </div>
                )
              )}
            </section>

            {downloadKeys.length > 0 && ready && (
              <Card id="download">
                <CardHeader>
                  <CardTitle>Download</CardTitle>
                  <CardDescription>The original MP4 or GIF, or a smaller copy made to a width or a file size.</CardDescription>
                </CardHeader>
                <CardContent>
                  <DownloadForm action={`/api/t/${team.slug}/media/${media.id}/download`} variants={downloadKeys} />
                </CardContent>
              </Card>
            )}

            <Card>
              <CardHeader>
                <CardTitle>History</CardTitle>
                <CardDescription>Every generation of this video, newest first.</CardDescription>
              </CardHeader>
              <CardContent>
                <HistoryList
                  entries={generations.map((g) => ({
                    id: g.id,
                    number: g.number,
                    kind: g.kind,
                    status: g.status,
                    params: g.params,
                    requester: g.requesterName ?? g.requesterEmail ?? "A former member",
                    createdAt: g.createdAt.toISOString(),
                    createdLabel: formatWhen(g.createdAt),
                    finishedLabel: g.finishedAt ? formatWhen(g.finishedAt) : null,
                    service: [g.serviceName, g.serviceVersion].filter(Boolean).join(" ") || null,
                    bulletVersion: g.bulletVersion,
                    error: g.error,
                  }))}
                />
              </CardContent>
            </Card>
          </div>

          <div className="grid content-start gap-6">
            <Card>
              <CardHeader>
                <CardTitle>Details</CardTitle>
                <CardDescription>Free to change.</CardDescription>
              </CardHeader>
              <CardContent>
                <DetailsForm
                  team={team.slug}
                  mediaId={media.id}
                  details={{ title: media.title, description: media.description, rating: media.rating ?? "", visibility: media.visibility }}
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Render again</CardTitle>
                <CardDescription>Change the settings and resubmit, or make a new take. Both spend credits.</CardDescription>
              </CardHeader>
              <CardContent className="grid gap-4">
                <ResubmitForm
                  team={team.slug}
                  mediaId={media.id}
                  blocked={blocked}
                  motions={motions}
                  values={{ motionType: p.motionType, prompt: p.prompt, quantity: p.quantity, duration: p.duration, loop: p.loop, aspectRatio: p.aspectRatio, soundEffects: p.soundEffects }}
                />
                <div className="border-t pt-4">
                  <ProcessAgain team={team.slug} mediaId={media.id} blocked={blocked} />
                </div>
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Made from</CardTitle>
              </CardHeader>
              <CardContent>
                <InputsCard
                  team={team.slug}
                  params={p}
                  source={source && { href: `${base}/media/${source.mediaId}`, title: source.title, variantKey: source.variantKey }}
                />
              </CardContent>
            </Card>
          </div>
        </div>
      </div>
    </LiveStatusProvider>
  );
}
