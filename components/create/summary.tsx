"use client";

import type * as React from "react";
import { type SpendView, spendLine } from "@/lib/billing/spend-view";
import type { Mode } from "@/lib/media/create-form-model";
import { type CreateParams, describeInputs, summarize } from "@/lib/media/create-schema";
import { CAMERA_PATHS, motionFor, TRY_ON_MODELS, VISIBILITIES } from "@/lib/media/motions";

/** What will be made, in one line and a few facts, live as the form changes. */
export function Summary({
  mode,
  params,
  videoTitle,
  spend,
  children,
}: {
  mode: Mode;
  params: CreateParams;
  videoTitle?: string;
  /** This month's room and the cost model; absent, no cost line is shown. */
  spend?: SpendView;
  children: React.ReactNode;
}) {
  const cost = spend ? spendLine(spend, params) : null;
  const motion = motionFor(params.motionType);
  const how =
    mode === "tryon"
      ? `Try-on with ${TRY_ON_MODELS.find((m) => m.id === params.tryOnModel)?.label ?? params.tryOnModel}`
      : mode === "character"
        ? "Character animation"
        : motion.cameraPath
          ? `${motion.label}, ${CAMERA_PATHS.find((c) => c.id === params.cameraPath)?.label.toLowerCase() ?? params.cameraPath}`
          : motion.label;
  const visibility = VISIBILITIES.find((v) => v.id === params.visibility);
  return (
    <div className="grid gap-4 rounded-xl border bg-card p-4 shadow-sm sm:p-5">
      <div className="grid gap-1">
        <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">You will get</p>
        <p className="text-lg leading-snug font-semibold" data-testid="create-summary" aria-live="polite">
          {summarize(params)}
        </p>
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-muted-foreground">Motion</dt>
        <dd className="font-medium" data-testid="summary-motion">
          {how}
        </dd>
        <dt className="text-muted-foreground">Made</dt>
        <dd className="font-medium" data-testid="summary-inputs">
          {videoTitle !== undefined ? `continuing “${videoTitle || "Untitled video"}”` : describeInputs(params)}
        </dd>
        <dt className="text-muted-foreground">Motion amount</dt>
        <dd className="font-medium">{params.motionAmount} of 10</dd>
        <dt className="text-muted-foreground">Visibility</dt>
        <dd className="font-medium">{visibility?.label ?? "Private"}</dd>
        {cost && (
          <>
            <dt className="text-muted-foreground">Cost (estimate)</dt>
            <dd className="font-medium" data-testid="summary-cost" aria-live="polite">
              {cost.line}
            </dd>
          </>
        )}
      </dl>
      {cost?.refusal && (
        // Said before sending; the server refuses it all the same.
        <p className="text-sm text-destructive" data-testid="summary-over-budget">
          {cost.refusal}
        </p>
      )}
      {children}
      <p className="text-xs text-muted-foreground">
        Uses Vimmerse credits; the cost shown is an estimate. You can follow the render on the video's page.
      </p>
    </div>
  );
}
