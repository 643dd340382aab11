"use client";

import { Clock } from "lucide-react";
import { formatTimecode } from "@/lib/review/timecode";
import { seekTo } from "./player";

/** A comment's time; clicking it moves the players there. */
export function TimecodeButton({ ms }: { ms: number }) {
  const label = formatTimecode(ms);
  return (
    <button
      type="button"
      onClick={() => seekTo(ms / 1000)}
      className="inline-flex items-center gap-1 rounded-md bg-primary/10 px-1.5 py-0.5 font-mono text-xs font-medium text-primary tabular-nums hover:bg-primary/20 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
      aria-label={`Play from ${label}`}
      data-testid="comment-time"
      data-ms={ms}
    >
      <Clock className="size-3" aria-hidden />
      {label}
    </button>
  );
}
