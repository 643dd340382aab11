"use client";

import { createContext, useContext } from "react";
import { Progress } from "@/components/ui/progress";
import { isWatched, type LiveItem } from "@/lib/media/status";
import { cn } from "@/lib/utils";
import { type Status, StatusBadge } from "./status-badge";
import { useMediaStatus } from "./use-media-status";

// One poll for a whole page: the provider watches every media shown, badges and bars read it.

const LiveContext = createContext<Map<string, LiveItem>>(new Map());

export function LiveStatusProvider({
  team,
  items,
  children,
}: {
  team: string;
  items: LiveItem[];
  children: React.ReactNode;
}) {
  const live = useMediaStatus(team, items);
  return <LiveContext value={live}>{children}</LiveContext>;
}

export function useLiveItem(fallback: LiveItem): LiveItem {
  return useContext(LiveContext).get(fallback.id) ?? fallback;
}

export function LiveBadge({ item, className, symbol }: { item: LiveItem; className?: string; symbol?: boolean }) {
  const live = useLiveItem(item);
  return <StatusBadge status={live.status as Status} progress={live.progress} className={className} symbol={symbol} />;
}

/** A progress bar while rendering (and a short note once it is copying); nothing otherwise. */
export function LiveProgress({
  item,
  className,
  showLabel = false,
}: {
  item: LiveItem;
  className?: string;
  showLabel?: boolean;
}) {
  const live = useLiveItem(item);
  if (!isWatched(live)) return null;
  const value = live.status === "success" ? 100 : live.progress;
  const label =
    live.status === "success"
      ? "Finishing: copying the video into the studio…"
      : live.status === "waiting"
        ? "Waiting for one of the team's renders to finish…"
        : live.status === "queued"
          ? "Waiting in Vimmerse's queue…"
          : live.status === "checking"
            ? "Waiting for Vimmerse to confirm the request…"
            : `Rendering… ${value}%`;
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Progress value={value} aria-label="Render progress" data-testid="render-progress" data-value={value} />
      {showLabel && (
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {label}
        </p>
      )}
    </div>
  );
}
