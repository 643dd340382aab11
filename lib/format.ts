// Dates and numbers as the app shows them, the same way everywhere. Client-safe.
//
// Dates are shown in the viewer's time zone. A server render does not know it, so pages render
// dates through <LocalTime> (components/ui/local-time.tsx): the server's HTML says the time in
// UTC, labelled, and the browser rewrites it in its own zone once it runs.

export type DateStyle = "date" | "dateTime";

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
};

// A formatter per style and zone, made once: making one costs far more than formatting with it,
// and a gallery page formats dozens of dates (a CPU profile of its server render found 5% there).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: DateStyle, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${style} ${timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat("en", { ...OPTIONS[style], timeZone })));
  return f;
}

/** `timeZone` undefined: the zone of whoever runs this (the viewer, in a browser). */
export function formatDate(date: Date | string, style: DateStyle = "date", timeZone?: string): string {
  const d = typeof date === "string" ? new Date(date) : date;
  const text = formatter(style, timeZone).format(d);
  return timeZone === "UTC" && style === "dateTime" ? `${text} UTC` : text;
}

const count = new Intl.NumberFormat("en");

/** 12345 → "12,345". */
export const formatCount = (n: number) => count.format(n);
