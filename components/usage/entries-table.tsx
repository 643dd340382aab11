import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { UsageEntry } from "@/db/queries/usage";
import { motionLabel } from "@/lib/billing/usage";
import { formatCount } from "@/lib/format";
import { urls } from "@/lib/urls";
import { cn } from "@/lib/utils";

const KIND: Record<UsageEntry["kind"], string> = {
  create: "Created",
  resubmit: "Rendered again",
  process: "Processed",
};

const STATE: Record<UsageEntry["state"], { label: string; variant: "success" | "secondary" | "outline" }> = {
  settled: { label: "Settled", variant: "success" },
  reserved: { label: "Held", variant: "secondary" },
  refunded: { label: "Refunded", variant: "outline" },
};

/** Every ledger entry of the month, newest first: what was made, by whom, for how much. */
export function EntriesTable({ slug, entries }: { slug: string; entries: UsageEntry[] }) {
  return (
    <div className="-mx-6 overflow-x-auto px-6">
      <table className="w-full min-w-[20rem] text-sm">
        <thead>
          <tr className="border-b text-left text-xs text-muted-foreground">
            <th scope="col" className="pb-2 font-medium">
              Video
            </th>
            <th scope="col" className="hidden pb-2 font-medium md:table-cell">
              Motion
            </th>
            <th scope="col" className="hidden pb-2 font-medium sm:table-cell">
              Member
            </th>
            <th scope="col" className="pb-2 text-right font-medium">
              Credits
            </th>
            <th scope="col" className="pb-2 pl-3 text-right font-medium">
              State
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const state = STATE[e.state];
            const title = e.title?.trim() || (e.mediaId ? "Untitled video" : "Deleted video");
            return (
              <tr key={e.id} className="border-b align-top last:border-0">
                <td className="max-w-0 py-2 pr-2">
                  {e.mediaId && e.title !== null ? (
                    <Link
                      href={urls.media(slug, e.mediaId)}
                      className="block truncate font-medium underline-offset-4 hover:underline"
                    >
                      {title}
                    </Link>
                  ) : (
                    <span className="block truncate text-muted-foreground">{title}</span>
                  )}
                  <span className="block truncate text-xs text-muted-foreground">
                    {KIND[e.kind]} · <LocalTime date={e.createdAt} style="dateTime" />
                    <span className="md:hidden"> · {motionLabel(e.motionType)}</span>
                    <span className="sm:hidden"> · {e.name || e.email || "Former member"}</span>
                  </span>
                </td>
                <td className="hidden py-2 pr-2 whitespace-nowrap md:table-cell">{motionLabel(e.motionType)}</td>
                <td className="hidden max-w-0 py-2 pr-2 sm:table-cell">
                  <span className="block truncate">{e.name || e.email || "Former member"}</span>
                </td>
                <td
                  className={cn(
                    "py-2 text-right font-medium tabular-nums",
                    e.state === "refunded" && "text-muted-foreground line-through",
                  )}
                >
                  {formatCount(e.credits)}
                </td>
                <td className="py-2 pl-3 text-right">
                  <Badge variant={state.variant}>{state.label}</Badge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
