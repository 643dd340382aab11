import Link from "next/link";
import { MainNav } from "@/components/app-shell/main-nav";
import { TeamSwitcher } from "@/components/app-shell/team-switcher";
import { UserMenu } from "@/components/app-shell/user-menu";
import { LogoMark } from "@/components/brand/logo";
import { BellLink } from "@/components/notifications/bell-link";
import { listTeamsForUser } from "@/db/queries/teams";
import { activityUrls } from "@/lib/activity/urls";
import { isOperator } from "@/lib/admin/operators";
import { requireTeamPage } from "@/lib/auth/session";
import { canSeeUsage } from "@/lib/billing/usage";
import { getDb } from "@/lib/db";
import { unreadCount } from "@/lib/notifications/view";
import { canMake } from "@/lib/teams/service";

type Props = { children: React.ReactNode; params: Promise<{ team: string }> };

export default async function TeamLayout({ children, params }: Props) {
  const { team: slug } = await params;
  const { user, team } = await requireTeamPage(slug);
  const [teams, unread] = await Promise.all([
    listTeamsForUser(getDb(), user.id),
    unreadCount(getDb(), user.id, team.id),
  ]);
  const canCreate = canMake(team.role);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:px-6">
          <Link href={`/t/${team.slug}`} aria-label="Vimmerse Studio home" className="shrink-0">
            <LogoMark />
          </Link>
          <span className="text-muted-foreground/50" aria-hidden>
            /
          </span>
          <TeamSwitcher
            current={{ slug: team.slug, name: team.name, role: team.role }}
            teams={teams.map((t) => ({ slug: t.slug, name: t.name, role: t.role }))}
          />
          <MainNav
            slug={team.slug}
            canCreate={canCreate}
            canSeeUsage={canSeeUsage(team.role)}
            className="ml-4 hidden md:flex"
          />
          <div className="ml-auto flex items-center gap-1">
            <BellLink href={activityUrls.notifications(team.slug)} unread={unread} />
            <UserMenu name={user.name} email={user.email} operator={isOperator(user.email)} />
          </div>
        </div>
        <MainNav
          slug={team.slug}
          canCreate={canCreate}
          canSeeUsage={canSeeUsage(team.role)}
          className="overflow-x-auto border-t px-2 py-1.5 md:hidden"
        />
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-3 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
