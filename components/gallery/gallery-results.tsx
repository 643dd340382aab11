import { SearchX } from "lucide-react";
import Link from "next/link";
import { CardIconSprite } from "@/components/gallery/card-icons";
import { SelectAll, SelectionProvider } from "@/components/gallery/gallery-selection";
import { MediaCard } from "@/components/gallery/media-card";
import { BulkBar } from "@/components/library/bulk-bar";
import { LiveStatusProvider } from "@/components/media/live-status";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/lib/format";
import { FILTER_WINDOW, type Gallery } from "@/lib/media/gallery";
import { urls } from "@/lib/urls";

/** Cards in the widest grid's first row: seen without scrolling, so their pictures load at once. */
const FIRST_ROW = 4;

type Props = {
  slug: string;
  gallery: Gallery;
  /** May delete and file videos (members and up); a viewer favourites and downloads. */
  canChange: boolean;
  /** The team's collections, for "Add to collection". */
  choices: { value: string; label: string }[];
};

export function GalleryResults({ slug, gallery, canChange, choices }: Props) {
  const { cards, nextHref, firstHref, paged } = gallery;
  if (cards.length === 0 && !nextHref) {
    return (
      <EmptyState
        icon={SearchX}
        title={paged ? "No more videos" : "No videos match"}
        description={paged ? "You have reached the end of the gallery." : "Try another search or fewer filters."}
        action={
          <Button asChild variant="outline">
            <Link href={paged ? firstHref : urls.team(slug)}>{paged ? "Back to the first page" : "Clear filters"}</Link>
          </Button>
        }
      />
    );
  }
  if (cards.length === 0) {
    return (
      <EmptyState
        icon={SearchX}
        title="No matches in this stretch"
        description={`None of the next ${formatCount(FILTER_WINDOW)} videos match. Keep looking further back, or change the filters.`}
        action={
          <Button asChild variant="outline">
            <Link href={nextHref ?? firstHref}>Keep looking</Link>
          </Button>
        }
      />
    );
  }
  return (
    <LiveStatusProvider team={slug} items={cards.map((c) => c.live)}>
      <SelectionProvider ids={cards.map((c) => c.id)}>
        <div className="grid gap-3">
          <CardIconSprite />
          <SelectAll />
          <ul
            className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4"
            aria-label="Videos"
          >
            {cards.map((card, i) => (
              <li key={card.id}>
                <MediaCard card={card} firstRow={i < FIRST_ROW} />
              </li>
            ))}
          </ul>
          <BulkBar team={slug} canChange={canChange} collection={gallery.collection} choices={choices} />
        </div>
      </SelectionProvider>
    </LiveStatusProvider>
  );
}
