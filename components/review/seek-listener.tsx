"use client";

import { useEffect } from "react";
import { players, SEEK_EVENT, type SeekDetail } from "./player";

/** Moves every player of the page to the time a review comment names, and brings it into view. */
export function SeekListener() {
  useEffect(() => {
    const onSeek = (e: Event) => {
      const { seconds } = (e as CustomEvent<SeekDetail>).detail;
      if (!Number.isFinite(seconds)) return;
      const all = players();
      // Variants of one version share their timeline, so they all move together.
      for (const video of all) {
        const end = Number.isFinite(video.duration) ? video.duration : seconds;
        video.currentTime = Math.min(Math.max(0, seconds), end);
      }
      all[0]?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    };
    window.addEventListener(SEEK_EVENT, onSeek);
    return () => window.removeEventListener(SEEK_EVENT, onSeek);
  }, []);
  return null;
}
