import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TrashList } from "@/components/library/trash-list";
import { Card, CardContent } from "@/components/ui/card";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { TRASH_DAYS } from "@/lib/library/trash";
import { loadTrash } from "@/lib/library/trash-view";
import { canMake } from "@/lib/teams/service";

export const metadata: Metadata = { title: "Trash" };

type Props = { params: Promise<{ team: string }> };

export default async function TrashPage({ params }: Props) {
  const { team: slug } = await params;
  const { team, actor } = await requireTeamPage(slug);
  // Viewers get the stranger's 404: they delete nothing, so the page is not theirs.
  if (!canMake(team.role)) notFound();
  const view = await loadTrash(getDb(), team, actor);
  return (
    <div className="mx-auto grid max-w-5xl grid-cols-1 gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Trash</h1>
        <p className="text-sm text-muted-foreground">
          Deleted videos stay here for {TRASH_DAYS} days, then are deleted for good with the studio's copies of their
          files. Videos stay in your Vimmerse account: Vimmerse offers no way to delete them from here.
        </p>
      </div>
      <Card>
        <CardContent>
          <TrashList slug={team.slug} view={view} />
          {view.more && (
            <p className="pt-3 text-sm text-muted-foreground">The most recently deleted videos are shown.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
