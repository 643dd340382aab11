import type { Metadata } from "next";
import { InviteForm } from "@/components/teams/invite-form";
import { ChangeRole, RemoveMember, RevokeInvitation } from "@/components/teams/member-actions";
import { RenameTeamForm } from "@/components/teams/rename-team-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listOpenInvitations } from "@/db/queries/invitations";
import { listMembers } from "@/db/queries/teams";
import { requireTeamPage } from "@/lib/auth/session";
import { atLeast } from "@/lib/teams/service";

export const metadata: Metadata = { title: "Team settings" };

type Props = { params: Promise<{ team: string }> };

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function TeamSettingsPage({ params }: Props) {
  const { team: slug } = await params;
  const { user, team } = await requireTeamPage(slug);
  const manage = atLeast(team.role, "admin");
  const isOwner = team.role === "owner";
  const [members, invitations] = await Promise.all([
    listMembers(getDb(), team.id),
    manage ? listOpenInvitations(getDb(), team.id) : Promise.resolve([]),
  ]);
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Team settings</h1>
        <p className="text-sm text-muted-foreground">
          You are {team.role === "admin" ? "an" : "a"} <span className="font-medium text-foreground">{team.role}</span> of {team.name}.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>General</CardTitle>
          <CardDescription>The name everyone on the team sees.</CardDescription>
        </CardHeader>
        <CardContent>
          <RenameTeamForm slug={team.slug} name={team.name} canEdit={manage} />
        </CardContent>
      </Card>

      {manage && (
        <Card>
          <CardHeader>
            <CardTitle>Invite people</CardTitle>
            <CardDescription>They join with the role you choose once they open the link and sign in with that address.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <InviteForm slug={team.slug} allowOwner={isOwner} />
            {invitations.length > 0 && (
              <div className="grid gap-2">
                <h3 className="text-sm font-medium">Pending invitations</h3>
                <ul className="divide-y rounded-lg border" data-testid="pending-invitations">
                  {invitations.map((inv) => (
                    <li key={inv.id} className="flex items-center justify-between gap-3 px-3 py-2">
                      <div className="min-w-0">
                        <p className="truncate text-sm">{inv.email}</p>
                        <p className="text-xs text-muted-foreground">
                          {inv.role} · expires {dateFmt.format(inv.expiresAt)}
                        </p>
                      </div>
                      <RevokeInvitation slug={team.slug} invitationId={inv.id} />
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </CardContent>
        </Card>
      )}

      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "person" : "people"} can see and make this team&apos;s videos.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="divide-y" data-testid="member-list">
            {members.map((m) => {
              const self = m.userId === user.id;
              const canTouch = manage && !self && (isOwner || m.role !== "owner");
              return (
                <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="member-row" data-user-id={m.userId}>
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium">
                      {m.name ?? m.email} {self && <span className="text-muted-foreground">(you)</span>}
                    </p>
                    <p className="truncate text-xs text-muted-foreground">{m.email}</p>
                  </div>
                  <div className="flex items-center gap-2">
                    {canTouch ? (
                      <>
                        <ChangeRole slug={team.slug} userId={m.userId} role={m.role} allowOwner={isOwner} label={`Role of ${m.email}`} />
                        <RemoveMember
                          slug={team.slug}
                          userId={m.userId}
                          label="Remove"
                          title={`Remove ${m.name ?? m.email}?`}
                          description="They lose access to this team's videos at once. You can invite them again later."
                          confirm="Remove"
                        />
                      </>
                    ) : (
                      <Badge variant={m.role === "owner" ? "default" : "secondary"}>{m.role}</Badge>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>

      <Card className="border-destructive/30">
        <CardHeader>
          <CardTitle>Leave team</CardTitle>
          <CardDescription>You will lose access to this team&apos;s videos. The last owner cannot leave.</CardDescription>
        </CardHeader>
        <CardContent>
          <RemoveMember
            slug={team.slug}
            userId={user.id}
            label="Leave this team"
            title={`Leave ${team.name}?`}
            description="You will need a new invitation to come back."
            confirm="Leave team"
            standalone
          />
        </CardContent>
      </Card>
    </div>
  );
}
