"use client";

import { Sparkles } from "lucide-react";
import Link from "next/link";
import { useActionState, useMemo, useState } from "react";
import { type CreateState, createMediaAction } from "@/app/(app)/t/[team]/create/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type SpendView, spendLine } from "@/lib/billing/spend-view";
import {
  type Errors,
  type Mode,
  type SetValue,
  type SlotName,
  type Slots,
  slotValue,
  type UploadPath,
  type Values,
  type VideoOption,
} from "@/lib/media/create-form-model";
import { type CreateParams, createParamsSchema } from "@/lib/media/create-schema";
import { motionFor } from "@/lib/media/motions";
import { urls } from "@/lib/urls";
import { InputsSection } from "./inputs-section";
import { DetailsSection, MotionSection, VideoSection } from "./sections";
import { Summary } from "./summary";

export type CreateFormProps = {
  team: string;
  idempotencyKey: string;
  uploadPath: UploadPath;
  initial: { mode: Mode; values: CreateParams; slots: Slots; note?: string };
  videos: VideoOption[];
  finishedCount: number;
  /** This month's room and the cost model, for the summary's cost line. */
  spend?: SpendView;
};

/** The values the server will get, as the form's hidden and visible inputs will post them. */
function candidate(mode: Mode, v: Values, slots: Slots) {
  const motionType = mode === "tryon" ? "TryOnVideo" : mode === "character" ? "Auto" : v.motionType;
  const lastAllowed = mode === "images" && motionFor(motionType).lastFrame;
  return {
    ...v,
    motionType,
    extendVideo: mode === "extend",
    characterAnimate: mode === "character",
    firstImage: mode === "images" || mode === "character" ? slotValue(slots.firstImage) : "",
    lastImage: lastAllowed ? slotValue(slots.lastImage) : "",
    personImage: mode === "tryon" ? slotValue(slots.personImage) : "",
    garmentImage: mode === "tryon" ? slotValue(slots.garmentImage) : "",
    videoAssetId: mode === "extend" ? (v.videoAssetId ?? "") : "",
  };
}

export function CreateForm({
  team,
  idempotencyKey,
  uploadPath,
  initial,
  videos,
  finishedCount,
  spend,
}: CreateFormProps) {
  const [state, action, pending] = useActionState<CreateState, FormData>(createMediaAction, {});
  // Fixed for the life of this form: a resend after a refusal is the same video, not a new one.
  const [idemKey] = useState(idempotencyKey);
  const [mode, setMode] = useState<Mode>(initial.mode);
  const [values, setValues] = useState<Values>(initial.values);
  const [slots, setSlots] = useState<Slots>(initial.slots);
  const [attempted, setAttempted] = useState(false);
  // A photo on its way up is not in the form yet: sending now would send the video without it.
  const [uploads, setUploads] = useState<Partial<Record<SlotName, boolean>>>({});
  const uploading = Object.values(uploads).some(Boolean);
  // Server messages stay until the field they are about is changed.
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    setServerErrors(state.fieldErrors ?? {});
  }

  const clearServer = (...keys: string[]) =>
    setServerErrors((e) =>
      keys.some((k) => e[k]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))) : e,
    );
  const set: SetValue = (key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    clearServer(key);
  };
  const setSlot = (name: keyof Slots, value: Slots[keyof Slots]) => {
    setSlots((s) => ({ ...s, [name]: value }));
    clearServer(name, "prompt");
  };
  const changeMode = (m: Mode) => {
    setMode(m);
    if (m === "extend" && !motionFor(values.motionType).extend) set("motionType", "Auto");
    setServerErrors({});
  };

  const posted = candidate(mode, values, slots);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-parse only when the posted values change, not on every new object
  const parsed = useMemo(() => createParamsSchema.safeParse(posted), [JSON.stringify(posted)]);
  const clientErrors: Errors = {};
  if (!parsed.success) for (const i of parsed.error.issues) (clientErrors[String(i.path[0])] ??= []).push(i.message);
  const errors: Errors = { ...(attempted ? clientErrors : {}), ...serverErrors };
  // While the form is incomplete the summary still follows what is typed.
  const summaryParams: CreateParams = parsed.success
    ? parsed.data
    : {
        ...values,
        motionType: posted.motionType,
        extendVideo: posted.extendVideo,
        characterAnimate: posted.characterAnimate,
        firstImage: posted.firstImage || undefined,
        lastImage: posted.lastImage || undefined,
      };
  // Over budget or suspended: said in the summary, and nothing can be sent (the server refuses too).
  const refused = Boolean(spend && spendLine(spend, summaryParams).refusal);

  return (
    <form
      action={action}
      noValidate
      onSubmit={(e) => {
        setAttempted(true);
        if (!parsed.success) {
          e.preventDefault();
          requestAnimationFrame(() =>
            document
              .querySelector<HTMLElement>("[aria-invalid=true], [role=alert]")
              ?.scrollIntoView({ block: "center", behavior: "smooth" }),
          );
        }
      }}
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start"
    >
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="idempotencyKey" value={idemKey} />
      {/* The mode decides these; hidden so the radios below never fight them. */}
      <input type="hidden" name="extendVideo" value={posted.extendVideo ? "Yes" : "No"} />
      <input type="hidden" name="characterAnimate" value={posted.characterAnimate ? "Yes" : "No"} />
      {mode !== "images" && mode !== "extend" && <input type="hidden" name="motionType" value={posted.motionType} />}

      <div className="grid min-w-0 gap-6">
        {initial.note && <FormMessage kind="success" message={initial.note} />}
        <InputsSection
          team={team}
          uploadPath={uploadPath}
          mode={mode}
          onMode={changeMode}
          motionType={posted.motionType}
          slots={slots}
          onSlot={setSlot}
          onUploading={(name, busy) => setUploads((u) => ({ ...u, [name]: busy }))}
          videos={videos}
          finishedCount={finishedCount}
          videoAssetId={values.videoAssetId ?? ""}
          onVideo={(id) => set("videoAssetId", id)}
          errors={errors}
        />
        <MotionSection
          mode={mode}
          values={values}
          set={set}
          errors={errors}
          promptRequired={!posted.firstImage && !posted.personImage && !posted.videoAssetId}
        />
        <VideoSection values={values} set={set} errors={errors} />
        <DetailsSection values={values} set={set} errors={errors} />
      </div>

      <aside className="lg:sticky lg:top-20">
        <Summary
          mode={mode}
          params={summaryParams}
          videoTitle={mode === "extend" ? videos.find((x) => x.assetId === values.videoAssetId)?.title : undefined}
          spend={spend}
        >
          <FormMessage kind="error" message={state.error} />
          {state.mediaId && state.error && (
            <p className="text-xs text-muted-foreground">
              It is saved in the gallery as not submitted.{" "}
              <Link
                href={urls.media(team, state.mediaId)}
                className="font-medium text-primary underline-offset-4 hover:underline"
              >
                Open it
              </Link>
            </p>
          )}
          {attempted && !parsed.success && (
            <p role="alert" className="text-sm text-destructive">
              Check the highlighted fields: {Object.values(clientErrors).flat()[0]}
            </p>
          )}
          <Button type="submit" size="lg" className="w-full" disabled={pending || refused || uploading}>
            <Sparkles className="size-4" aria-hidden />
            {pending
              ? "Creating…"
              : uploading
                ? "Uploading the photo…"
                : `Create ${values.quantity === 1 ? "video" : `${values.quantity} videos`}`}
          </Button>
        </Summary>
      </aside>
    </form>
  );
}
