import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DownloadCard } from "@/components/media/download-card";
import { HistoryCard } from "@/components/media/history-card";
import { LiveStatusProvider } from "@/components/media/live-status";
import { MediaHeader } from "@/components/media/media-header";
import { MediaSidebar } from "@/components/media/media-sidebar";
import { MediaVideos } from "@/components/media/media-videos";
import { requireTeamPage } from "@/lib/auth/session";
import { spendView } from "@/lib/billing/budget";
import { getDb } from "@/lib/db";
import { loadMediaDetail } from "@/lib/media/detail";
import { canMake } from "@/lib/teams/service";

export const metadata: Metadata = { title: "Video" };

type Props = { params: Promise<{ team: string; id: string }> };

export default async function MediaPage({ params }: Props) {
  const { team: slug, id } = await params;
  const { team, user } = await requireTeamPage(slug);
  // A viewer watches and downloads; every control that changes or spends is left out.
  const canChange = canMake(team.role);
  const [detail, spend] = await Promise.all([
    loadMediaDetail(getDb(), team, id),
    canChange ? spendView(getDb(), team.id, user.id) : undefined,
  ]);
  if (!detail) notFound();

  return (
    <LiveStatusProvider team={team.slug} items={[detail.live]}>
      <div className="grid gap-6">
        <MediaHeader slug={team.slug} detail={detail} canChange={canChange} />
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
            <HistoryCard entries={detail.history} />
          </div>
          <MediaSidebar slug={team.slug} detail={detail} canChange={canChange} spend={spend} />
        </div>
      </div>
    </LiveStatusProvider>
  );
}
