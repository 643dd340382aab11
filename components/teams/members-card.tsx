import { ChangeRole, RemoveMember } from "@/components/teams/member-actions";
import { MemberCapForm, type MemberCapView } from "@/components/teams/member-cap-form";
import { roleLabel } from "@/components/teams/roles";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Member } from "@/db/queries/teams";

type Viewer = { slug: string; userId: string; manage: boolean; isOwner: boolean };

/** `caps`: each member's cap and this month's spend, given to owners only (they alone set caps). */
export function MembersCard({
  members,
  viewer,
  caps,
}: {
  members: Member[];
  viewer: Viewer;
  caps?: Record<string, MemberCapView>;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Members</CardTitle>
        <CardDescription>
          {members.length} {members.length === 1 ? "person" : "people"} can see this team&apos;s videos; viewers cannot
          make or change them.
          {caps && " A monthly cap limits what one member may spend each calendar month (UTC); blank means no cap."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y" data-testid="member-list">
          {members.map((m) => (
            <MemberRow key={m.userId} member={m} viewer={viewer} cap={caps?.[m.userId]} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function MemberRow({
  member: m,
  viewer: { slug, userId, manage, isOwner },
  cap,
}: {
  member: Member;
  viewer: Viewer;
  cap?: MemberCapView;
}) {
  const self = m.userId === userId;
  const canTouch = manage && !self && (isOwner || m.role !== "owner");
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-3 py-3"
      data-testid="member-row"
      data-user-id={m.userId}
    >
      <div className="min-w-0">
        <p className="truncate text-sm font-medium">
          {m.name ?? m.email} {self && <span className="text-muted-foreground">(you)</span>}
        </p>
        <p className="truncate text-xs text-muted-foreground">{m.email}</p>
        {cap && (
          <div className="mt-2">
            <MemberCapForm slug={slug} userId={m.userId} who={m.name ?? m.email ?? "this member"} view={cap} />
          </div>
        )}
      </div>
      <div className="flex items-center gap-2">
        {canTouch ? (
          <>
            <ChangeRole slug={slug} userId={m.userId} role={m.role} allowOwner={isOwner} label={`Role of ${m.email}`} />
            <RemoveMember
              slug={slug}
              userId={m.userId}
              label="Remove"
              title={`Remove ${m.name ?? m.email}?`}
              description="They lose access to this team's videos at once. You can invite them again later."
              confirm="Remove"
            />
          </>
        ) : (
          <Badge variant={m.role === "owner" ? "default" : m.role === "viewer" ? "outline" : "secondary"}>
            {roleLabel(m.role)}
          </Badge>
        )}
      </div>
    </li>
  );
}
