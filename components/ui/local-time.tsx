"use client";

import { useSyncExternalStore } from "react";
import { type DateStyle, formatDate } from "@/lib/format";

// A date in the viewer's own time zone. The server (and hydration) render it in UTC, labelled;
// right after hydration React renders the browser's snapshot, so there is no mismatch.

const subscribe = () => () => {};

export function LocalTime({
  date,
  style = "date",
  className,
}: {
  date: Date | string;
  style?: DateStyle;
  className?: string;
}) {
  const iso = typeof date === "string" ? date : date.toISOString();
  const local = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return (
    <time dateTime={iso} className={className}>
      {formatDate(iso, style, local ? undefined : "UTC")}
    </time>
  );
}
