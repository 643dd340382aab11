import { RemoveMember } from "@/components/teams/member-actions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function LeaveTeamCard({ slug, userId, teamName }: { slug: string; userId: string; teamName: string }) {
  return (
    <Card className="border-destructive/30">
      <CardHeader>
        <CardTitle>Leave team</CardTitle>
        <CardDescription>You will lose access to this team&apos;s videos. The last owner cannot leave.</CardDescription>
      </CardHeader>
      <CardContent>
        <RemoveMember
          slug={slug}
          userId={userId}
          label="Leave this team"
          title={`Leave ${teamName}?`}
          description="You will need a new invitation to come back."
          confirm="Leave team"
          standalone
        />
      </CardContent>
    </Card>
  );
}
