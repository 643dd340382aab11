import { Link2, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { SlotValue } from "@/lib/media/create-form-model";

type Props = { label: string; value: SlotValue; onRemove: () => void };

/** The chosen image (an upload's thumbnail), its file name or link, and a button to take it out again. */
export function SlotPreview({ label, value, onRemove }: Props) {
  return (
    <div className="relative overflow-hidden rounded-lg border bg-muted/40">
      {value.kind === "upload" ? (
        // biome-ignore lint/performance/noImgElement: the team's own thumbnail, already small
        <img
          src={value.previewUrl}
          alt={`${label} preview`}
          width={480}
          height={360}
          className="h-40 w-full object-contain sm:h-auto sm:aspect-[4/3]"
        />
      ) : (
        <LinkPlaceholder url={value.url} />
      )}
      <div className="flex items-center justify-between gap-2 border-t bg-background/90 px-3 py-1.5 text-xs">
        <span className="truncate text-muted-foreground" title={value.kind === "upload" ? value.name : value.url}>
          {value.kind === "upload" ? value.name : value.url}
        </span>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="h-7 shrink-0 px-2"
          onClick={onRemove}
          aria-label={`Remove ${label.toLowerCase()}`}
        >
          <X className="size-3.5" aria-hidden /> Remove
        </Button>
      </div>
    </div>
  );
}

/**
 * A pasted link is not loaded in the page: the Content-Security-Policy allows images only from the
 * app and its storage, and loading it would tell that site who is looking. Vimmerse fetches it.
 */
function LinkPlaceholder({ url }: { url: string }) {
  const host = hostOf(url);
  return (
    <div className="flex h-40 w-full flex-col items-center justify-center gap-2 px-4 text-center text-sm text-muted-foreground sm:h-auto sm:aspect-[4/3]">
      <Link2 className="size-6" aria-hidden />
      <span>Image link{host ? ` on ${host}` : ""}</span>
      <span className="text-xs">Vimmerse fetches it when the video is made.</span>
    </div>
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
