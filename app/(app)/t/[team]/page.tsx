import type { Metadata } from "next";
import { NoVideosYet } from "@/components/gallery/gallery-empty";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { GalleryHeader } from "@/components/gallery/gallery-header";
import { GalleryPager } from "@/components/gallery/gallery-pager";
import { GalleryResults } from "@/components/gallery/gallery-results";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadGallery } from "@/lib/media/gallery";
import { canMake } from "@/lib/teams/service";

export const metadata: Metadata = { title: "Gallery" };

type Props = {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function GalleryPage({ params, searchParams }: Props) {
  const [{ team: slug }, raw] = await Promise.all([params, searchParams]);
  const { team } = await requireTeamPage(slug);
  const gallery = await loadGallery(getDb(), team, raw);
  const canCreate = canMake(team.role);
  const { search: sp, cards, filtered, paged, motions, creators } = gallery;

  return (
    <div className="grid gap-6">
      <GalleryHeader slug={team.slug} teamName={team.name} canCreate={canCreate} />
      {cards.length === 0 && !filtered && !paged ? (
        <NoVideosYet slug={team.slug} canCreate={canCreate} />
      ) : (
        <>
          <GalleryFilters
            values={{
              q: sp.q ?? "",
              status: sp.status ?? "",
              motion: sp.motion ?? "",
              creator: sp.creator ?? "",
              review: sp.review ?? "",
              sort: sp.sort,
            }}
            options={{ motions, creators }}
          />
          <GalleryResults slug={team.slug} gallery={gallery} />
          <GalleryPager gallery={gallery} />
        </>
      )}
    </div>
  );
}
