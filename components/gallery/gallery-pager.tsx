import { ArrowLeft, ArrowRight } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { Gallery } from "@/lib/media/gallery";

export function GalleryPager({ gallery }: { gallery: Gallery }) {
  const { search: sp, cards, nextHref, firstHref, partial, paged } = gallery;
  if (!paged && !nextHref) return null;
  return (
    <nav className="flex items-center justify-between gap-3" aria-label="Pages">
      {paged ? (
        <Button asChild variant="ghost">
          <Link href={firstHref}>
            <ArrowLeft aria-hidden /> {sp.sort === "oldest" ? "Back to the oldest" : "Back to the newest"}
          </Link>
        </Button>
      ) : (
        <span />
      )}
      {nextHref && cards.length > 0 && (
        <Button asChild variant="outline">
          <Link href={nextHref} data-testid="next-page">
            {partial ? "Keep looking" : sp.sort === "oldest" ? "Newer videos" : "Older videos"}{" "}
            <ArrowRight aria-hidden />
          </Link>
        </Button>
      )}
    </nav>
  );
}
