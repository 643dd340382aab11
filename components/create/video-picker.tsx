"use client";

import { Film } from "lucide-react";
import { variantLabel } from "@/components/media/variant-players";
import { LocalTime } from "@/components/ui/local-time";
import type { VideoOption } from "@/lib/media/create-form-model";
import { cn } from "@/lib/utils";

type Props = {
  videos: VideoOption[];
  finishedCount: number;
  value: string;
  onChange: (assetId: string) => void;
  errors?: string[];
};

/** Picks one of the team's finished videos (the app's own copy, which upstream can fetch). */
export function VideoPicker({ videos, finishedCount, value, onChange, errors }: Props) {
  if (videos.length === 0) {
    return (
      <div className="grid gap-2" data-testid="video-picker">
        <input type="hidden" name="videoAssetId" value="" />
        <div className="flex items-start gap-3 rounded-lg border border-dashed p-4 text-sm">
          <Film className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden />
          <p className="text-muted-foreground">
            {finishedCount === 0
              ? "Your team has no finished videos yet. Make one first, then come back to extend it."
              : "Your team's finished videos are not copied into the studio yet, so they can't be sent for extending. Open a finished video to make its copy, then try again."}
          </p>
        </div>
        {errors?.length ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <fieldset className="grid gap-2" data-testid="video-picker">
      <legend className="mb-2 text-sm font-medium">Video to extend</legend>
      <div className="grid max-h-72 gap-2 overflow-y-auto pr-1 sm:grid-cols-2">
        {videos.map((v) => (
          <label
            key={v.assetId}
            className={cn(
              "flex cursor-pointer items-center gap-3 rounded-lg border p-3 hover:bg-accent/50 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
              value === v.assetId && "border-primary bg-primary/5 ring-1 ring-primary",
            )}
          >
            <input
              type="radio"
              name="videoAssetId"
              value={v.assetId}
              checked={value === v.assetId}
              onChange={() => onChange(v.assetId)}
              className="sr-only"
            />
            <Film className="size-5 shrink-0 text-muted-foreground" aria-hidden />
            <span className="grid min-w-0">
              <span className="truncate text-sm font-medium">{v.title || "Untitled video"}</span>
              <span className="text-xs text-muted-foreground">
                {variantLabel(v.variantKey)} · <LocalTime date={v.createdAt} />
              </span>
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p role="alert" className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
