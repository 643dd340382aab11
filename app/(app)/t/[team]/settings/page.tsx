import type { Metadata } from "next";
import { DeleteTeamCard } from "@/components/teams/delete-team-card";
import { GeneralCard } from "@/components/teams/general-card";
import { InvitationsCard } from "@/components/teams/invitations-card";
import { LeaveTeamCard } from "@/components/teams/leave-team-card";
import { MembersCard } from "@/components/teams/members-card";
import { roleSentence } from "@/components/teams/roles";
import { VimmerseKeyCard } from "@/components/teams/vimmerse-key-card";
import { listOpenInvitations } from "@/db/queries/invitations";
import { listMembers } from "@/db/queries/teams";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { atLeast } from "@/lib/teams/service";
import { keyCard, memberCaps } from "./owner-data";

export const metadata: Metadata = { title: "Team settings" };

type Props = { params: Promise<{ team: string }> };

export default async function TeamSettingsPage({ params }: Props) {
  const { team: slug } = await params;
  const { user, team } = await requireTeamPage(slug);
  const manage = atLeast(team.role, "admin");
  const isOwner = team.role === "owner";
  const [members, invitations, caps, key] = await Promise.all([
    listMembers(getDb(), team.id),
    manage ? listOpenInvitations(getDb(), team.id) : Promise.resolve([]),
    isOwner ? memberCaps(getDb(), team.id) : Promise.resolve(undefined),
    isOwner ? keyCard(getDb(), team) : Promise.resolve(null),
  ]);

  return (
    <div className="mx-auto grid max-w-3xl grid-cols-1 gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Team settings</h1>
        <p className="text-sm text-muted-foreground" data-testid="your-role">
          You are {team.role === "admin" ? "an" : "a"} <span className="font-medium text-foreground">{team.role}</span>{" "}
          of {team.name}. {roleSentence(team.role)}
        </p>
      </div>
      <GeneralCard slug={team.slug} name={team.name} canEdit={manage} />
      {manage && <InvitationsCard slug={team.slug} invitations={invitations} allowOwner={isOwner} />}
      <MembersCard members={members} viewer={{ slug: team.slug, userId: user.id, manage, isOwner }} caps={caps} />
      {key && <VimmerseKeyCard slug={team.slug} status={key.status} sandboxKey={key.sandboxKey} />}
      <LeaveTeamCard slug={team.slug} userId={user.id} teamName={team.name} />
      {isOwner && <DeleteTeamCard slug={team.slug} teamName={team.name} />}
    </div>
  );
}
