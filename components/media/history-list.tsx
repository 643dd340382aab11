import { LocalTime } from "@/components/ui/local-time";
import { readStoredParams } from "@/lib/media/create-schema";
import { changesBetween, generationSummary } from "@/lib/media/describe";
import type { HistoryEntry } from "@/lib/media/detail";
import { StatusBadge } from "./status-badge";

// Every generation of the media, newest first: what was asked, when, by whom, which service
// rendered it, and how it ended.

const KIND: Record<HistoryEntry["kind"], string> = {
  create: "Created",
  resubmit: "Resubmitted with changes",
  process: "Processed again",
};

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const byNumber = new Map(entries.map((e) => [e.number, e]));
  return (
    <ol className="grid gap-3" data-testid="history">
      {entries.map((e) => {
        const params = readStoredParams(e.params);
        const prev = byNumber.get(e.number - 1);
        const changes = e.kind === "resubmit" && prev ? changesBetween(readStoredParams(prev.params), params) : [];
        return (
          <li
            key={e.id}
            className="grid gap-1.5 rounded-lg border bg-background/60 p-3 text-sm"
            data-testid="history-entry"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">
                #{e.number} · {KIND[e.kind]}
              </p>
              <StatusBadge status={e.status} />
            </div>
            <p className="text-muted-foreground">
              {e.requester} · <LocalTime date={e.createdAt} style="dateTime" />
              {e.finishedAt && (
                <>
                  {" "}
                  · finished <LocalTime date={e.finishedAt} style="dateTime" />
                </>
              )}
            </p>
            <p>{generationSummary(params)}</p>
            {changes.length > 0 && (
              <ul className="grid gap-0.5 text-xs text-muted-foreground" aria-label="Changes">
                {changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
            {e.service && (
              <p className="text-xs text-muted-foreground">
                {e.status === "success" ? "Rendered" : "Rendering"} by {e.service}
                {/* Upstream counts finished renders: a version number means one came out of this. */}
                {e.status === "success" && e.bulletVersion && <> · version {e.bulletVersion}</>}
              </p>
            )}
            {e.cost && <p className="text-xs text-muted-foreground">{costWords(e.cost, e.status)}</p>}
            {e.error && <p className="text-xs text-destructive">{e.error}</p>}
          </li>
        );
      })}
    </ol>
  );
}

function costWords({ credits, state }: NonNullable<HistoryEntry["cost"]>, status: string): string {
  const amount = `≈ ${credits} credit${credits === 1 ? "" : "s"}`;
  if (state === "refunded") return `${amount}, given back (nothing was made)`;
  if (state === "reserved" && status === "waiting") return `${amount} held while it waits its turn`;
  if (state === "reserved") return `${amount} held until Vimmerse confirms`;
  return `Cost ${amount} (estimate)`;
}
