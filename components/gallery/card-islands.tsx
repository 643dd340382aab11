"use client";

import { createContext, useContext, useState } from "react";
import { LiveBadge, LiveProgress, useLiveItem } from "@/components/media/live-status";
import type { LiveItem } from "@/lib/media/status";
import { cn } from "@/lib/utils";
import { CardCheckbox, useSelection } from "./gallery-selection";

// The card's few interactive parts. The card itself renders on the server, so its markup is
// written once into the HTML; only these islands' small props go into the page's React payload.

// The preview's source while previewing, else null.
const Previewing = createContext<string | null>(null);

/** The card's frame: selection outline, hover preview, the checkbox and the play button. */
export function CardFrame({
  id,
  title,
  videoUrl,
  children,
}: {
  id: string;
  title: string;
  videoUrl: string | null;
  children: React.ReactNode;
}) {
  const [previewing, setPreviewing] = useState(false);
  const selected = useSelection()?.selected.has(id) ?? false;
  const start = () => videoUrl && setPreviewing(true);
  const stop = () => setPreviewing(false);
  return (
    <article
      className={cn("mc group", selected && "mc-on")}
      data-selected={selected || undefined}
      data-testid="media-card"
      data-media-id={id}
      onMouseEnter={start}
      onMouseLeave={stop}
    >
      <Previewing value={previewing ? videoUrl : null}>{children}</Previewing>
      <CardCheckbox id={id} title={title} />
      {videoUrl && (
        <button
          type="button"
          onClick={() => (previewing ? stop() : start())}
          className="mc-play"
          aria-label={previewing ? "Stop preview" : "Play preview"}
          aria-pressed={previewing}
        >
          <CardIcon name={previewing ? "pause" : "play"} className="size-4" />
        </button>
      )}
    </article>
  );
}

/** The muted preview over the poster while the card is hovered or its play button is on. */
export function CardPreview() {
  const src = useContext(Previewing);
  if (!src) return null;
  return (
    <video
      src={src}
      autoPlay
      muted
      loop
      playsInline
      className="absolute inset-0 size-full object-cover"
      data-testid="card-preview"
      aria-hidden
    />
  );
}

/** The live badge (clear of the checkbox when the page has one) and the render's progress bar. */
export function CardLive({ item }: { item: LiveItem }) {
  const selectable = useSelection() !== null;
  return (
    <>
      {/* An opaque backing keeps the tinted badge readable over any picture. */}
      <span className={cn("mc-badge", selectable ? "left-12" : "left-2")}>
        <LiveBadge item={item} symbol />
      </span>
      <LiveProgress item={item} className="absolute inset-x-2 bottom-2" />
    </>
  );
}

/** A card without a picture yet: a film while it renders, a warning once it failed. */
export function PlaceholderIcon({ item }: { item: LiveItem }) {
  const live = useLiveItem(item);
  return live.status === "fail" || live.status === "not_submitted" ? (
    <CardIcon name="alert" className="relative size-8" />
  ) : (
    <CardIcon name="film" className="relative size-8 animate-pulse text-foreground/70 motion-reduce:animate-none" />
  );
}

/** One of the page's symbols (components/gallery/card-icons.tsx), not a copy of its SVG. */
function CardIcon({ name, className }: { name: "play" | "pause" | "film" | "alert"; className?: string }) {
  return (
    <svg className={className} aria-hidden>
      <use href={`#ci-${name}`} />
    </svg>
  );
}
