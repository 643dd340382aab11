import { InviteForm } from "@/components/teams/invite-form";
import { RevokeInvitation } from "@/components/teams/member-actions";
import { RoleGuide } from "@/components/teams/role-guide";
import { roleLabel } from "@/components/teams/roles";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { Invitation } from "@/db/queries/invitations";

type Props = { slug: string; invitations: Invitation[]; allowOwner: boolean };

export function InvitationsCard({ slug, invitations, allowOwner }: Props) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite people</CardTitle>
        <CardDescription>
          They join with the role you choose once they open the link and sign in with that address.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-6">
        <div className="grid gap-3">
          <InviteForm slug={slug} allowOwner={allowOwner} />
          <RoleGuide />
        </div>
        {invitations.length > 0 && (
          <div className="grid grid-cols-1 gap-2">
            <h3 className="text-sm font-medium">Pending invitations</h3>
            <ul className="divide-y rounded-lg border" data-testid="pending-invitations">
              {invitations.map((inv) => (
                <li key={inv.id} className="flex items-center justify-between gap-3 px-3 py-2">
                  <div className="min-w-0">
                    <p className="truncate text-sm">{inv.email}</p>
                    <p className="text-xs text-muted-foreground">
                      {roleLabel(inv.role)} · expires <LocalTime date={inv.expiresAt} />
                    </p>
                  </div>
                  <RevokeInvitation slug={slug} invitationId={inv.id} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
