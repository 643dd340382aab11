import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CollectionButton } from "@/components/library/collection-button";
import { FavouriteButton } from "@/components/library/favourite-button";
import { MediaTrash } from "@/components/library/media-trash";
import { DownloadCard } from "@/components/media/download-card";
import { HistoryCard } from "@/components/media/history-card";
import { LiveStatusProvider } from "@/components/media/live-status";
import { MediaHeader } from "@/components/media/media-header";
import { MediaSidebar } from "@/components/media/media-sidebar";
import { MediaVideos } from "@/components/media/media-videos";
import { ReviewCard } from "@/components/review/review-card";
import { ShareButton } from "@/components/share/share-button";
import { requireTeamPage } from "@/lib/auth/session";
import { spendView } from "@/lib/billing/budget";
import { getDb } from "@/lib/db";
import { mediaCollections } from "@/lib/library/collections";
import { isFavourite } from "@/lib/library/favourites";
import { loadMediaDetail } from "@/lib/media/detail";
import { loadReview } from "@/lib/review/view";
import { canMake } from "@/lib/teams/service";

export const metadata: Metadata = { title: "Video" };

type Props = { params: Promise<{ team: string; id: string }> };

export default async function MediaPage({ params }: Props) {
  const { team: slug, id } = await params;
  const { team, user } = await requireTeamPage(slug);
  const actor = { userId: user.id, teamId: team.id, role: team.role };
  const [detail, spend, review, favourite, filed] = await Promise.all([
    loadMediaDetail(getDb(), team, id),
    canMake(team.role) ? spendView(getDb(), team.id, user.id) : undefined,
    loadReview(getDb(), actor, id),
    isFavourite(getDb(), actor, id),
    canMake(team.role) ? mediaCollections(getDb(), team.id, id) : undefined,
  ]);
  if (!detail) notFound();
  // A viewer watches and downloads; every control that changes or spends is left out, and so it
  // is for everyone while the video is in the Trash (restore it first).
  const trashed = detail.media.deletedAt !== null;
  const canChange = canMake(team.role) && !trashed;

  return (
    <LiveStatusProvider team={team.slug} items={[detail.live]}>
      <div className="grid gap-6">
        <MediaHeader
          slug={team.slug}
          detail={detail}
          canChange={canChange}
          actions={
            <>
              {!trashed && <FavouriteButton team={team.slug} mediaId={detail.media.id} on={favourite} />}
              {canChange && filed && (
                <CollectionButton
                  team={team.slug}
                  mediaId={detail.media.id}
                  choices={filed.choices}
                  inCollections={filed.in}
                />
              )}
              {canChange && <ShareButton team={team} mediaId={detail.media.id} />}
              {!trashed && <MediaTrash slug={team.slug} media={detail.media} actor={actor} />}
            </>
          }
        />
        {trashed && <MediaTrash slug={team.slug} media={detail.media} actor={actor} />}
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="grid content-start gap-6 lg:col-span-2">
            <MediaVideos slug={team.slug} detail={detail} canChange={canChange} />
            {detail.downloadKeys.length > 0 && detail.ready && (
              <DownloadCard
                slug={team.slug}
                mediaId={detail.media.id}
                variants={detail.downloadKeys}
                gifs={detail.gifs}
              />
            )}
            <ReviewCard team={team.slug} review={review} />
            <HistoryCard entries={detail.history} />
          </div>
          <MediaSidebar slug={team.slug} detail={detail} canChange={canChange} spend={spend} />
        </div>
      </div>
    </LiveStatusProvider>
  );
}
