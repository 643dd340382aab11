import type { UsageRow } from "@/lib/billing/usage";
import { formatCount } from "@/lib/format";

/** Credits by member or by motion type: who or what, renders, credits (held credits noted). */
export function BreakdownTable({ rows, label }: { rows: UsageRow[]; label: string }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">Nothing yet this month.</p>;
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="border-b text-left text-xs text-muted-foreground">
          <th scope="col" className="pb-2 font-medium">
            {label}
          </th>
          <th scope="col" className="pb-2 text-right font-medium">
            Renders
          </th>
          <th scope="col" className="pb-2 text-right font-medium">
            Credits
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b last:border-0">
            <th scope="row" className="max-w-0 py-2 pr-2 text-left font-normal">
              <span className="block truncate font-medium">{r.label}</span>
              {r.detail && <span className="block truncate text-xs text-muted-foreground">{r.detail}</span>}
            </th>
            <td className="py-2 pl-2 text-right text-muted-foreground tabular-nums">{formatCount(r.renders)}</td>
            <td className="py-2 pl-2 text-right tabular-nums">
              <span className="font-medium">{formatCount(r.credits + r.reserved)}</span>
              {r.reserved > 0 && (
                <span className="block text-xs text-muted-foreground">{formatCount(r.reserved)} held</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
