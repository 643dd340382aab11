"use client";

import type { Errors, Mode, SlotName, Slots, SlotValue, UploadPath, VideoOption } from "@/lib/media/create-form-model";
import { motionFor } from "@/lib/media/motions";
import { ChoiceCards } from "./choice-cards";
import { ImageSlot } from "./image-slot";
import { Section } from "./section";
import { VideoPicker } from "./video-picker";

const MODES = [
  { id: "images", label: "Photos or a prompt", description: "No photo, one photo, or a first and a last frame." },
  { id: "tryon", label: "Try-on", description: "A person and a garment: see them wear it." },
  { id: "extend", label: "Extend a video", description: "Continue one of your team's finished videos." },
  { id: "character", label: "Animate a character", description: "Bring a character in a photo to life." },
] as const;

type Props = {
  team: string;
  uploadPath: UploadPath;
  mode: Mode;
  onMode: (m: Mode) => void;
  motionType: string;
  slots: Slots;
  onSlot: (name: SlotName, v: SlotValue | undefined) => void;
  onUploading: (name: SlotName, busy: boolean) => void;
  videos: VideoOption[];
  finishedCount: number;
  videoAssetId: string;
  onVideo: (id: string) => void;
  errors: Errors;
};

export function InputsSection(p: Props) {
  const motion = motionFor(p.motionType);
  const slot = (name: SlotName, label: string, hint?: string) => (
    <ImageSlot
      name={name}
      label={label}
      hint={hint}
      team={p.team}
      uploadPath={p.uploadPath}
      value={p.slots[name]}
      onChange={(v) => p.onSlot(name, v)}
      onBusy={(busy) => p.onUploading(name, busy)}
      errors={p.errors[name]}
    />
  );
  return (
    <Section step={1} title="Start from" description="What the video is made from.">
      <ChoiceCards
        name="mode"
        legend="Kind of video"
        choices={MODES}
        value={p.mode}
        onChange={(m) => p.onMode(m as Mode)}
        columns="grid-cols-2 xl:grid-cols-4"
      />

      {p.mode === "images" && (
        <div className="grid gap-3">
          <div className="grid gap-4 sm:grid-cols-2">
            {slot(
              "firstImage",
              motion.lastFrame ? "First frame" : "Photo",
              motion.image === "required" ? undefined : "Optional: leave empty to make it from the prompt",
            )}
            {motion.lastFrame ? (
              slot("lastImage", "Last frame", "Optional: the video moves from the first frame to this one")
            ) : (
              <p
                className="self-center rounded-lg bg-muted/50 p-4 text-sm text-muted-foreground"
                data-testid="no-last-frame"
              >
                {motion.label} makes a video from one photo. For a first and a last frame, pick Auto, Kling AI Pro, Luma
                AI or Runway Gen-3.
                {p.slots.lastImage ? " Your last frame is kept aside and not sent." : ""}
              </p>
            )}
          </div>
        </div>
      )}

      {p.mode === "tryon" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {slot("personImage", "Person", "A full-body photo works best")}
          {slot("garmentImage", "Garment", "The clothing on a plain background")}
        </div>
      )}

      {p.mode === "character" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {slot("firstImage", "Character", "One clear photo of the character")}
        </div>
      )}

      {p.mode === "extend" && (
        <VideoPicker
          videos={p.videos}
          finishedCount={p.finishedCount}
          value={p.videoAssetId}
          onChange={p.onVideo}
          errors={p.errors.videoAssetId}
        />
      )}
      {p.errors.personImage && p.mode !== "tryon" && (
        <p className="text-sm text-destructive">{p.errors.personImage.join(" ")}</p>
      )}
    </Section>
  );
}
