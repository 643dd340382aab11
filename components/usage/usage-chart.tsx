import type { UsageDay } from "@/lib/billing/usage";
import { formatCount } from "@/lib/format";

// Credits per day of the month as a small SVG drawn on the server: no chart library, no script.
// Settled credits are solid, credits still held are paler on top. Screen readers get the
// figures from a visually hidden table.

const SLOT = 10;
const BAR = 7;
const HEIGHT = 100;

const credits = (n: number) => `${formatCount(n)} credit${n === 1 ? "" : "s"}`;

export function UsageChart({ days, month }: { days: UsageDay[]; month: string }) {
  const max = Math.max(1, ...days.map((d) => d.settled + d.reserved));
  const total = days.reduce((s, d) => s + d.settled + d.reserved, 0);
  const busiest = days.reduce((a, d) => (d.settled + d.reserved > a.settled + a.reserved ? d : a), days[0]!);
  const scale = (n: number) => (n / max) * (HEIGHT - 4);
  const shortMonth = month.split(" ")[0]!.slice(0, 3);
  const marks = [1, 8, 15, 22, days.length];
  const spentDays = days.filter((d) => d.settled + d.reserved > 0);
  const peak = busiest.settled + busiest.reserved;
  const summary =
    total > 0
      ? `${credits(total)} in all; the busiest day was ${busiest.day} ${shortMonth} with ${credits(peak)}.`
      : "No credits spent this month.";
  return (
    <figure className="grid gap-2">
      <div className="flex items-stretch gap-2">
        <div
          className="flex w-8 shrink-0 flex-col justify-between text-right text-xs text-muted-foreground tabular-nums"
          aria-hidden
        >
          <span>{formatCount(max)}</span>
          <span>0</span>
        </div>
        <svg
          role="img"
          aria-labelledby="usage-chart-title usage-chart-desc"
          viewBox={`0 0 ${days.length * SLOT} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-40 w-full min-w-0 sm:h-48"
        >
          <title id="usage-chart-title">{`Credits per day, ${month} (UTC)`}</title>
          <desc id="usage-chart-desc">{summary}</desc>
          <line
            x1={0}
            x2={days.length * SLOT}
            y1={HEIGHT - 4}
            y2={HEIGHT - 4}
            className="stroke-border"
            vectorEffect="non-scaling-stroke"
          />
          <line
            x1={0}
            x2={days.length * SLOT}
            y1={0}
            y2={0}
            className="stroke-border"
            strokeDasharray="4 4"
            vectorEffect="non-scaling-stroke"
          />
          {days.map((d, i) => {
            const x = i * SLOT + (SLOT - BAR) / 2;
            const s = scale(d.settled);
            const r = scale(d.reserved);
            const base = HEIGHT - 4;
            return (
              <g key={d.date}>
                <title>{`${d.day} ${shortMonth}: ${credits(d.settled)}${d.reserved ? ` + ${formatCount(d.reserved)} held` : ""}`}</title>
                {/* A transparent slot: the whole column shows the day's figure on hover. */}
                <rect x={i * SLOT} y={0} width={SLOT} height={base} fill="transparent" />
                {s > 0 && <rect x={x} y={base - s} width={BAR} height={s} rx={1} className="fill-primary" />}
                {r > 0 && <rect x={x} y={base - s - r} width={BAR} height={r} rx={1} className="fill-primary/35" />}
              </g>
            );
          })}
        </svg>
      </div>
      <div className="relative ml-10 h-4 text-xs text-muted-foreground tabular-nums" aria-hidden>
        {marks.map((m) => (
          <span key={m} className="absolute -translate-x-1/2" style={{ left: `${((m - 0.5) / days.length) * 100}%` }}>
            {m} {m === 1 ? shortMonth : ""}
          </span>
        ))}
      </div>
      <figcaption className="ml-10 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-primary" aria-hidden /> Settled
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-primary/35" aria-hidden /> Held (not yet confirmed)
        </span>
      </figcaption>
      <table className="sr-only">
        <caption>Credits per day, {month} (UTC)</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Settled</th>
            <th scope="col">Held</th>
          </tr>
        </thead>
        <tbody>
          {spentDays.length === 0 ? (
            <tr>
              <td colSpan={3}>No credits spent this month</td>
            </tr>
          ) : (
            spentDays.map((d) => (
              <tr key={d.date}>
                <th scope="row">{d.date}</th>
                <td>{d.settled}</td>
                <td>{d.reserved}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </figure>
  );
}
