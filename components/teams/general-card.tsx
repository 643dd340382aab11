import { RenameTeamForm } from "@/components/teams/rename-team-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function GeneralCard({ slug, name, canEdit }: { slug: string; name: string; canEdit: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>General</CardTitle>
        <CardDescription>The name everyone on the team sees.</CardDescription>
      </CardHeader>
      <CardContent>
        <RenameTeamForm slug={slug} name={name} canEdit={canEdit} />
      </CardContent>
    </Card>
  );
}
