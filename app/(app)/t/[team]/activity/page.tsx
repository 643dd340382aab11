import type { Metadata } from "next";
import { ActivityFeed } from "@/components/activity/activity-feed";
import { loadFeed } from "@/lib/activity/feed";
import { activityUrls } from "@/lib/activity/urls";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Activity" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ after?: string | string[] }> };

/** Everyone in the team, viewers included, sees what happened in it. */
export default async function ActivityPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { team } = await requireTeamPage(slug);
  const { after } = await searchParams;
  const feed = await loadFeed(getDb(), team, after);
  const base = activityUrls.activity(team.slug);
  return (
    <div className="mx-auto grid max-w-3xl grid-cols-1 gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <p className="text-sm text-muted-foreground">What happened in {team.name}, newest first.</p>
      </div>
      <ActivityFeed
        feed={feed}
        firstPage={!after}
        newestHref={base}
        olderHref={feed.next ? `${base}?after=${feed.next}` : null}
      />
    </div>
  );
}
