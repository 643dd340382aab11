import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { SlotValue } from "@/lib/media/create-form-model";

type Props = { label: string; value: SlotValue; onRemove: () => void };

/** The chosen image, its file name or link, and a button to take it out again. */
export function SlotPreview({ label, value, onRemove }: Props) {
  const preview = value.kind === "upload" ? value.previewUrl : value.url;
  return (
    <div className="relative overflow-hidden rounded-lg border bg-muted/40">
      {/* biome-ignore lint/performance/noImgElement: user images of any origin and size */}
      <img src={preview} alt={`${label} preview`} className="h-40 w-full object-contain sm:h-auto sm:aspect-[4/3]" />
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
