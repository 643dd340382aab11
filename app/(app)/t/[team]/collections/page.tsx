import type { Metadata } from "next";
import { CollectionCreateForm } from "@/components/library/collection-create-form";
import { CollectionList } from "@/components/library/collection-list";
import { Card, CardContent } from "@/components/ui/card";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadCollections } from "@/lib/library/collections";

export const metadata: Metadata = { title: "Collections" };

type Props = { params: Promise<{ team: string }> };

/** Every role sees the team's collections (a viewer filters by them); members and up manage them. */
export default async function CollectionsPage({ params }: Props) {
  const { team: slug } = await params;
  const { team, actor } = await requireTeamPage(slug);
  const view = await loadCollections(getDb(), team, actor);
  return (
    <div className="mx-auto grid max-w-3xl grid-cols-1 gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Collections</h1>
        <p className="text-sm text-muted-foreground">
          Named sets of {team.name}'s videos, for a campaign or a client. A video can be in several; open one to see its
          videos in the gallery.
        </p>
      </div>
      {view.canManage && <CollectionCreateForm team={team.slug} />}
      <Card className="py-2">
        <CardContent className="px-2 sm:px-4">
          <CollectionList team={team.slug} items={view.items} canManage={view.canManage} />
        </CardContent>
      </Card>
    </div>
  );
}
