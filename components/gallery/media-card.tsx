import { Star } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { CardData } from "@/lib/media/gallery-cards";
import { CardFrame, CardLive, CardPreview, PlaceholderIcon } from "./card-islands";

/**
 * A media in the grid: its poster (or first frame), a muted preview on hover or on the play button.
 * A Server Component: the gallery renders 24 of these per page, and its cost was per card.
 * The first row's pictures load at once, at high priority: a lazy image in view is the page's
 * largest paint, waiting for layout before it is even requested.
 */
export function MediaCard({ card, firstRow = false }: { card: CardData; firstRow?: boolean }) {
  const loading = firstRow ? "eager" : "lazy";
  const title = card.title || "Untitled video";
  return (
    <CardFrame id={card.id} title={card.title} videoUrl={card.videoUrl}>
      <Link href={card.href} className="block outline-none" aria-label={title}>
        <div className="mc-pic">
          {card.posterUrl ? (
            // biome-ignore lint/performance/noImgElement: a private, streamed asset: next/image cannot optimize it
            <img
              src={card.posterUrl}
              alt=""
              width={480}
              height={270}
              loading={loading}
              decoding="async"
              fetchPriority={firstRow ? "high" : undefined}
            />
          ) : card.videoUrl ? (
            <video src={`${card.videoUrl}#t=0.1`} preload="metadata" muted playsInline aria-hidden />
          ) : (
            <div className="mc-none">
              {card.inputUrl && (
                // biome-ignore lint/performance/noImgElement: the team's private upload (its small thumbnail)
                <img src={card.inputUrl} alt="" width={480} height={270} loading={loading} decoding="async" />
              )}
              <PlaceholderIcon item={card.live} />
            </div>
          )}
          {card.videoUrl && <CardPreview />}
          <CardLive item={card.live} />
        </div>
        <div className="mc-text">
          <h2>
            <span className="truncate">{title}</span>
            {card.favourite && (
              <Star
                className="size-3.5 shrink-0 fill-amber-400 text-amber-500"
                aria-label="In your favourites"
                role="img"
                data-testid="card-favourite"
              />
            )}
          </h2>
          <p>
            <span className="mc-motion">{card.motionLabel}</span>
            <span className="truncate">{card.creator}</span>
            <span aria-hidden>·</span>
            <LocalTime date={card.createdAt} className="shrink-0" />
          </p>
        </div>
      </Link>
    </CardFrame>
  );
}
