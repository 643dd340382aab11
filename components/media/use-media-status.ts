"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { isWatched, type LiveItem } from "@/lib/media/status";
import { urls } from "@/lib/urls";

// Live progress for the media on screen: polls the app's own status route (never upstream)
// every ~2 s, only while something shown is still rendering or its copy is not in yet, and
// only while the tab is visible. When one finishes, the page's server data is refreshed.

export function useMediaStatus(team: string, initial: LiveItem[], intervalMs = 2_000): Map<string, LiveItem> {
  const router = useRouter();
  const key = JSON.stringify(initial);
  const [items, setItems] = useState(() => new Map(initial.map((i) => [i.id, i])));
  // New server data (after a refresh or navigation) replaces what the poll had.
  const [seen, setSeen] = useState(key);
  if (seen !== key) {
    setSeen(key);
    setItems(new Map(initial.map((i) => [i.id, i])));
  }
  // The latest items for the poll loop, which must compare outside a state updater.
  const current = useRef(items);
  useEffect(() => {
    current.current = items;
  }, [items]);
  const watched = useMemo(() => [...items.values()].filter(isWatched).map((i) => i.id), [items]);
  const watchKey = watched.join(",");

  useEffect(() => {
    if (!watchKey) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (document.visibilityState === "visible") {
        try {
          const res = await fetch(urls.mediaStatus(team, watchKey), { cache: "no-store" });
          if (res.ok && !stopped) {
            const { items: fresh } = (await res.json()) as { items: LiveItem[] };
            const next = new Map(current.current);
            let finished = false;
            for (const f of fresh) {
              const before = next.get(f.id);
              if (before && isWatched(before) && !isWatched(f)) finished = true;
              // Sent after waiting its turn: the page's alert and history come from the server.
              if (before?.status === "waiting" && f.status !== "waiting") finished = true;
              next.set(f.id, f);
            }
            current.current = next;
            setItems(next);
            // The page's own data (players, posters, downloads) comes from the server.
            if (finished) router.refresh();
          }
        } catch {
          // Offline for a moment: the next tick tries again.
        }
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    const onVisible = () => {
      if (document.visibilityState !== "visible") return;
      clearTimeout(timer);
      void tick();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [team, watchKey, intervalMs, router]);

  return items;
}
