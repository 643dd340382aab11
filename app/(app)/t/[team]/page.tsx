import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NoVideosYet } from "@/components/gallery/gallery-empty";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { GalleryHeader } from "@/components/gallery/gallery-header";
import { GalleryPager } from "@/components/gallery/gallery-pager";
import { GalleryResults } from "@/components/gallery/gallery-results";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { collectionChoices, collectionsUrl } from "@/lib/library/collections";
import { loadGallery, UnknownCollection } from "@/lib/media/gallery";
import { canMake } from "@/lib/teams/service";

export const metadata: Metadata = { title: "Gallery" };

type Props = {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function GalleryPage({ params, searchParams }: Props) {
  const [{ team: slug }, raw] = await Promise.all([params, searchParams]);
  const { team, user } = await requireTeamPage(slug);
  const [gallery, collections] = await Promise.all([
    // Another team's collection id answers as an unknown page would.
    loadGallery(getDb(), team, user.id, raw).catch((err) => {
      if (err instanceof UnknownCollection) notFound();
      throw err;
    }),
    collectionChoices(getDb(), team.id),
  ]);
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
              collection: gallery.collection?.id ?? "",
              favourites: sp.favourites ?? "",
              sort: sp.sort,
            }}
            options={{ motions, creators, collections, collectionsHref: collectionsUrl(team.slug) }}
          />
          <GalleryResults slug={team.slug} gallery={gallery} canChange={canCreate} choices={collections} />
          <GalleryPager gallery={gallery} />
        </>
      )}
    </div>
  );
}
