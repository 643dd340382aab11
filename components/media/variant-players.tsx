import { cn } from "@/lib/utils";

// Every variant of the shown version, each playable (the app's own copy, seekable by range).

export type PlayerVariant = { key: string; videoUrl: string; posterUrl: string | null };

export const variantLabel = (key: string) => key.replace(/^(.*?)(\d+)$/, "$1 $2");

export function VariantPlayers({ variants, caption }: { variants: PlayerVariant[]; caption?: string }) {
  return (
    <div className={cn("grid gap-3", variants.length > 1 && "sm:grid-cols-2")}>
      {variants.map((v) => (
        <figure key={v.key} className="overflow-hidden rounded-xl border bg-card shadow-sm">
          <video
            src={v.videoUrl}
            poster={v.posterUrl ?? undefined}
            controls
            playsInline
            preload="metadata"
            className="aspect-video w-full bg-black object-contain"
            data-testid="variant-player"
            data-variant={v.key}
            aria-label={`Video ${variantLabel(v.key)}`}
          />
          <figcaption className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
            <span className="font-medium">{variantLabel(v.key)}</span>
            {caption && <span className="text-xs text-muted-foreground">{caption}</span>}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
