import { readStoredParams } from "@/lib/media/create-schema";
import { changesBetween, generationSummary } from "./describe";
import { StatusBadge } from "./status-badge";

// Every generation of the media, newest first: what was asked, when, by whom, which service
// rendered it, and how it ended.

export type HistoryEntry = {
  id: string;
  number: number;
  kind: "create" | "resubmit" | "process";
  status: "not_submitted" | "queued" | "processing" | "success" | "fail" | "cancel";
  params: Record<string, unknown>;
  requester: string;
  createdAt: string;
  createdLabel: string;
  finishedLabel: string | null;
  service: string | null;
  bulletVersion: string | null;
  error: string | null;
};

const KIND: Record<HistoryEntry["kind"], string> = { create: "Created", resubmit: "Resubmitted with changes", process: "Processed again" };

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const byNumber = new Map(entries.map((e) => [e.number, e]));
  return (
    <ol className="grid gap-3" data-testid="history">
      {entries.map((e) => {
        const params = readStoredParams(e.params);
        const prev = byNumber.get(e.number - 1);
        const changes = e.kind === "resubmit" && prev ? changesBetween(readStoredParams(prev.params), params) : [];
        return (
          <li key={e.id} className="grid gap-1.5 rounded-lg border bg-background/60 p-3 text-sm" data-testid="history-entry">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">
                #{e.number} · {KIND[e.kind]}
              </p>
              <StatusBadge status={e.status} />
            </div>
            <p className="text-muted-foreground">
              {e.requester} · <time dateTime={e.createdAt}>{e.createdLabel}</time>
              {e.finishedLabel && <> · finished {e.finishedLabel}</>}
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
            {e.error && <p className="text-xs text-destructive">{e.error}</p>}
          </li>
        );
      })}
    </ol>
  );
}
