"use client";

import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { TextField } from "@/components/ui/text-field";
import { Textarea } from "@/components/ui/textarea";
import type { Errors, Mode, SetValue, Values } from "@/lib/media/create-form-model";
import {
  ASPECT_RATIOS,
  type AspectRatio,
  CAMERA_PATHS,
  MOTIONS,
  motionFor,
  TRY_ON_MODELS,
  VISIBILITIES,
} from "@/lib/media/motions";
import { cn } from "@/lib/utils";
import { ChoiceCards } from "./choice-cards";
import { RangeField } from "./range-field";
import { Section } from "./section";

type Common = { values: Values; set: SetValue; errors: Errors };

const tagsOf = (m: (typeof MOTIONS)[number]) => [
  ...(m.lastFrame ? ["2 frames"] : []),
  ...(m.image === "required" ? ["photo"] : []),
];

export function MotionSection({
  mode,
  values,
  set,
  errors,
  promptRequired,
}: Common & { mode: Mode; promptRequired: boolean }) {
  const motions = MOTIONS.filter((m) => !m.tryOn && (mode !== "extend" || m.extend));
  const motion = motionFor(values.motionType);
  return (
    <Section step={2} title="Motion" description="How things move.">
      {(mode === "images" || mode === "extend") && (
        <ChoiceCards
          name="motionType"
          legend="Motion type"
          choices={motions.map((m) => ({ id: m.id, label: m.label, description: m.description, tags: tagsOf(m) }))}
          value={values.motionType}
          onChange={(id) => set("motionType", id as Values["motionType"])}
          errors={errors.motionType}
          columns="grid-cols-2 xl:grid-cols-3"
          phoneDescriptions="chosen"
        />
      )}
      {mode === "images" && motion.cameraPath && (
        <ChoiceCards
          name="cameraPath"
          legend="Camera path"
          choices={CAMERA_PATHS}
          value={values.cameraPath}
          onChange={(id) => set("cameraPath", id as Values["cameraPath"])}
          errors={errors.cameraPath}
          columns="grid-cols-3 sm:grid-cols-5"
          compact
        />
      )}
      {mode === "tryon" && (
        <ChoiceCards
          name="tryOnModel"
          legend="Try-on model"
          choices={TRY_ON_MODELS}
          value={values.tryOnModel}
          onChange={(id) => set("tryOnModel", id as Values["tryOnModel"])}
          errors={errors.tryOnModel}
          columns="sm:grid-cols-3"
        />
      )}
      {mode === "character" && (
        <p className="rounded-lg bg-muted/50 p-3 text-sm text-muted-foreground">
          Character animation uses its own model (S2V); describe the movement in the prompt.
        </p>
      )}
      <div className="grid gap-2">
        <Label htmlFor="prompt">
          Prompt{" "}
          {promptRequired ? (
            <span className="text-xs font-normal text-muted-foreground">(needed without a photo)</span>
          ) : (
            <span className="text-xs font-normal text-muted-foreground">(optional)</span>
          )}
        </Label>
        <Textarea
          id="prompt"
          name="prompt"
          rows={3}
          maxLength={2000}
          value={values.prompt}
          onChange={(e) => set("prompt", e.target.value)}
          placeholder={promptExample(mode, values.motionType)}
          aria-invalid={errors.prompt?.length ? true : undefined}
          aria-describedby={errors.prompt?.length ? "prompt-error" : "prompt-hint"}
        />
        {!errors.prompt?.length && (
          <p id="prompt-hint" className="text-xs text-muted-foreground">
            {values.motionType === "LumaAI"
              ? 'Luma AI understands camera moves such as "orbit left" or "push in".'
              : "Describe what happens and how the camera moves."}
          </p>
        )}
        <FieldError id="prompt-error" messages={errors.prompt} />
      </div>
    </Section>
  );
}

/** An example that fits what is being made: a bunny makes no sense for a try-on. */
function promptExample(mode: Mode, motionType: string): string {
  if (mode === "tryon") return "The person turns slowly to show the garment";
  if (mode === "character") return "The character waves and smiles";
  if (mode === "extend") return "The camera keeps moving forward as the sun sets";
  return motionType === "LumaAI"
    ? "A bunny hops into the forest, camera orbit left"
    : "A bunny hops into the forest at sunrise";
}

const ratioBox: Record<AspectRatio, string> = {
  "16:9": "w-8 h-[18px]",
  "4:3": "w-7 h-[21px]",
  "1:1": "w-6 h-6",
  "3:4": "w-[18px] h-6",
  "9:16": "w-[14px] h-6",
};

export function VideoSection({ values, set, errors }: Common) {
  return (
    <Section step={3} title="Video" description="How many, how long, what shape.">
      <ChoiceCards
        name="quantity"
        legend="How many videos"
        choices={[1, 2, 3, 4].map((n) => ({ id: String(n), label: String(n) }))}
        value={String(values.quantity)}
        onChange={(id) => set("quantity", Number(id))}
        errors={errors.quantity}
        columns="grid-cols-4"
        compact
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <RangeField
          name="duration"
          label="Duration"
          min={1}
          max={10}
          value={values.duration}
          onChange={(v) => set("duration", v)}
          format={(v) => `${v} s`}
          errors={errors.duration}
        />
        <RangeField
          name="motionAmount"
          label="Motion amount"
          min={1}
          max={10}
          value={values.motionAmount}
          onChange={(v) => set("motionAmount", v)}
          hint="1 is subtle, 10 is dramatic."
          errors={errors.motionAmount}
        />
        <RangeField
          name="loop"
          label="Loop"
          min={1}
          max={6}
          value={values.loop}
          onChange={(v) => set("loop", v)}
          format={(v) => `${v}×`}
          hint="How many times the motion repeats."
          errors={errors.loop}
        />
        <div className="grid content-start gap-2">
          <span className="text-sm font-medium">Sound effects</span>
          <label className="flex cursor-pointer items-center justify-between gap-3 rounded-lg border p-3 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50">
            <span className="text-sm text-muted-foreground">Add generated sound to the video</span>
            <input
              type="checkbox"
              name="soundEffects"
              aria-label="Sound effects"
              checked={values.soundEffects}
              onChange={(e) => set("soundEffects", e.target.checked)}
              className="peer sr-only"
            />
            <span
              aria-hidden
              className="relative h-5 w-9 shrink-0 rounded-full bg-input transition-colors peer-checked:bg-primary after:absolute after:top-0.5 after:left-0.5 after:size-4 after:rounded-full after:bg-background after:shadow after:transition-transform peer-checked:after:translate-x-4"
            />
          </label>
          <FieldError messages={errors.soundEffects} />
        </div>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Aspect ratio</legend>
        <div className="grid grid-cols-5 gap-2">
          {ASPECT_RATIOS.map((r) => (
            <label
              key={r}
              className={cn(
                "flex cursor-pointer flex-col items-center gap-1.5 rounded-lg border py-2 text-xs font-medium hover:bg-accent/50 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
                values.aspectRatio === r && "border-primary bg-primary/5 ring-1 ring-primary",
              )}
            >
              <input
                type="radio"
                name="aspectRatio"
                value={r}
                checked={values.aspectRatio === r}
                onChange={() => set("aspectRatio", r)}
                className="sr-only"
              />
              <span className="grid h-6 place-items-center" aria-hidden>
                <span className={cn("rounded-[3px] border-2 border-current opacity-60", ratioBox[r])} />
              </span>
              {r}
            </label>
          ))}
        </div>
        <FieldError messages={errors.aspectRatio} />
      </fieldset>
    </Section>
  );
}

export function DetailsSection({ values, set, errors }: Common) {
  return (
    <Section step={4} title="Details" description="For your team's gallery.">
      <TextField
        name="title"
        label="Title"
        maxLength={200}
        value={values.title}
        onChange={(e) => set("title", e.target.value)}
        errors={errors.title}
        placeholder="Untitled video"
      />
      <div className="grid gap-2">
        <Label htmlFor="description">Description</Label>
        <Textarea
          id="description"
          name="description"
          rows={2}
          maxLength={2000}
          value={values.description}
          onChange={(e) => set("description", e.target.value)}
          aria-invalid={errors.description?.length ? true : undefined}
        />
        <FieldError messages={errors.description} />
      </div>
      <ChoiceCards
        name="visibility"
        legend="Who can see it on Vimmerse"
        choices={VISIBILITIES}
        value={values.visibility}
        onChange={(id) => set("visibility", id as Values["visibility"])}
        errors={errors.visibility}
        columns="sm:grid-cols-3"
      />
    </Section>
  );
}
