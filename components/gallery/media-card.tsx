"use client";

import { Film, Pause, Play, Star, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { LiveBadge, LiveProgress, useLiveItem } from "@/components/media/live-status";
import { LocalTime } from "@/components/ui/local-time";
import type { CardData } from "@/lib/media/gallery-cards";
import { cn } from "@/lib/utils";
import { CardCheckbox, useSelection } from "./gallery-selection";

/** A media in the grid: its poster (or first frame), a muted preview on hover or on the play button. */
export function MediaCard({ card }: { card: CardData }) {
  const live = useLiveItem(card.live);
  const [previewing, setPreviewing] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const canPreview = Boolean(card.videoUrl);
  const selection = useSelection();
  const selectable = selection !== null;
  const selected = selection?.selected.has(card.id) ?? false;

  const start = () => canPreview && setPreviewing(true);
  const stop = () => setPreviewing(false);

  return (
    <article
      className={cn(
        "group relative overflow-hidden rounded-xl border bg-card text-card-foreground shadow-sm transition-shadow focus-within:ring-[3px] focus-within:ring-ring/50 hover:shadow-md",
        selected && "border-primary ring-2 ring-primary/60",
      )}
      data-selected={selected || undefined}
      data-testid="media-card"
      data-media-id={card.id}
      onMouseEnter={start}
      onMouseLeave={stop}
    >
      <Link href={card.href} className="block outline-none" aria-label={card.title || "Untitled video"}>
        <div className="relative aspect-video overflow-hidden bg-muted">
          {card.posterUrl ? (
            // biome-ignore lint/performance/noImgElement: a private, streamed asset: next/image cannot optimize it
            <img
              src={card.posterUrl}
              alt=""
              width={480}
              height={270}
              className="size-full object-cover"
              loading="lazy"
              decoding="async"
            />
          ) : card.videoUrl ? (
            <video
              src={`${card.videoUrl}#t=0.1`}
              preload="metadata"
              muted
              playsInline
              className="size-full object-cover"
              aria-hidden
            />
          ) : (
            <div className="relative grid size-full place-items-center overflow-hidden bg-gradient-to-br from-primary/10 via-muted to-primary/5 text-muted-foreground">
              {card.inputUrl && (
                // biome-ignore lint/performance/noImgElement: the team's private upload (its small thumbnail)
                <img
                  src={card.inputUrl}
                  alt=""
                  width={480}
                  height={270}
                  className="absolute inset-0 size-full scale-110 object-cover opacity-60 blur-md"
                  loading="lazy"
                  decoding="async"
                />
              )}
              {live.status === "fail" || live.status === "not_submitted" ? (
                <TriangleAlert className="relative size-8" aria-hidden />
              ) : (
                <Film
                  className="relative size-8 animate-pulse text-foreground/70 motion-reduce:animate-none"
                  aria-hidden
                />
              )}
            </div>
          )}
          {previewing && card.videoUrl && (
            <video
              ref={video}
              src={card.videoUrl}
              autoPlay
              muted
              loop
              playsInline
              className="absolute inset-0 size-full object-cover"
              data-testid="card-preview"
              aria-hidden
            />
          )}
          {/* An opaque backing keeps the tinted badge readable over any picture. */}
          <span
            className={cn("absolute top-2 rounded-md bg-background/95 shadow-sm", selectable ? "left-12" : "left-2")}
          >
            <LiveBadge item={card.live} />
          </span>
          <LiveProgress item={card.live} className="absolute inset-x-2 bottom-2" />
        </div>
        <div className="grid gap-1 p-3">
          <h3 className="flex min-w-0 items-center gap-1.5 text-sm font-medium">
            <span className="truncate">{card.title || "Untitled video"}</span>
            {card.favourite && (
              <Star
                className="size-3.5 shrink-0 fill-amber-400 text-amber-500"
                aria-label="In your favourites"
                role="img"
                data-testid="card-favourite"
              />
            )}
          </h3>
          <p className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
            <span className="shrink-0 rounded bg-muted px-1.5 py-0.5 font-medium text-foreground/80">
              {card.motionLabel}
            </span>
            <span className="truncate">{card.creator}</span>
            <span aria-hidden>·</span>
            <LocalTime date={card.createdAt} className="shrink-0" />
          </p>
        </div>
      </Link>
      <CardCheckbox id={card.id} title={card.title} />
      {canPreview && (
        <button
          type="button"
          onClick={() => (previewing ? stop() : start())}
          className={cn(
            "absolute top-2 right-2 grid size-8 place-items-center rounded-full bg-black/55 text-white shadow-sm backdrop-blur-sm transition-opacity",
            "outline-none focus-visible:ring-[3px] focus-visible:ring-ring/70 sm:opacity-0 sm:group-hover:opacity-100 sm:focus-visible:opacity-100",
          )}
          aria-label={previewing ? "Stop preview" : "Play preview"}
          aria-pressed={previewing}
        >
          {previewing ? <Pause className="size-4" aria-hidden /> : <Play className="size-4" aria-hidden />}
        </button>
      )}
    </article>
  );
}
