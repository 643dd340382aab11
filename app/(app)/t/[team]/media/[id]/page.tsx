import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DownloadCard } from "@/components/media/download-card";
import { HistoryCard } from "@/components/media/history-card";
import { LiveStatusProvider } from "@/components/media/live-status";
import { MediaHeader } from "@/components/media/media-header";
import { MediaSidebar } from "@/components/media/media-sidebar";
import { MediaVideos } from "@/components/media/media-videos";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadMediaDetail } from "@/lib/media/detail";

export const metadata: Metadata = { title: "Video" };

type Props = { params: Promise<{ team: string; id: string }> };

export default async function MediaPage({ params }: Props) {
  const { team: slug, id } = await params;
  const { team } = await requireTeamPage(slug);
  const detail = await loadMediaDetail(getDb(), team, id);
  if (!detail) notFound();

  return (
    <LiveStatusProvider team={team.slug} items={[detail.live]}>
      <div className="grid gap-6">
        <MediaHeader slug={team.slug} detail={detail} />
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="grid content-start gap-6 lg:col-span-2">
            <MediaVideos slug={team.slug} detail={detail} />
            {detail.downloadKeys.length > 0 && detail.ready && (
              <DownloadCard
                slug={team.slug}
                mediaId={detail.media.id}
                variants={detail.downloadKeys}
                gifs={detail.gifs}
              />
            )}
            <HistoryCard entries={detail.history} />
          </div>
          <MediaSidebar slug={team.slug} detail={detail} />
        </div>
      </div>
    </LiveStatusProvider>
  );
}
