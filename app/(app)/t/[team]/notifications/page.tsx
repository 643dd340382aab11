import type { Metadata } from "next";
import Link from "next/link";
import { NotificationList } from "@/components/notifications/notification-list";
import { activityUrls } from "@/lib/activity/urls";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadNotifications } from "@/lib/notifications/view";

export const metadata: Metadata = { title: "Notifications" };

type Props = { params: Promise<{ team: string }> };

export default async function NotificationsPage({ params }: Props) {
  const { team: slug } = await params;
  const { team, actor } = await requireTeamPage(slug);
  const view = await loadNotifications(getDb(), actor.userId, team.id);
  return (
    <div className="mx-auto grid max-w-3xl grid-cols-1 gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        <p className="text-sm text-muted-foreground">
          Your renders that finished or failed, and comments that mention you, in {team.name}.{" "}
          <Link
            href={activityUrls.emailSettings()}
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Email settings
          </Link>
        </p>
      </div>
      <NotificationList team={team.slug} view={view} />
    </div>
  );
}
