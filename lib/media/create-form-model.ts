import type { CreateParams } from "./create-schema";

// The Create form's model: what the page's server part hands its client part, and the shapes
// the form's sections share. No server imports here: the browser bundle includes it.

export type SlotName = "firstImage" | "lastImage" | "personImage" | "garmentImage";

/** What fills an image slot: one of the team's uploads, or a link the user pasted. */
export type SlotValue =
  | { kind: "upload"; id: string; name: string; previewUrl: string; bytes?: number }
  | { kind: "url"; url: string };

export type Slots = Partial<Record<SlotName, SlotValue>>;

export type VideoOption = { assetId: string; mediaId: string; title: string; variantKey: string; createdAt: string };

export type UploadPath = "local" | "uploadthing";

/** The form's own mode; it decides which inputs and fields are shown. */
export type Mode = "images" | "tryon" | "extend" | "character";

export const slotValue = (v: SlotValue | undefined): string => (!v ? "" : v.kind === "upload" ? v.id : v.url);

/** The form's own values (inputs are held as slots). */
export type Values = Omit<
  CreateParams,
  "firstImage" | "lastImage" | "personImage" | "garmentImage" | "extendVideo" | "characterAnimate"
>;
export type SetValue = <K extends keyof Values>(key: K, value: Values[K]) => void;
export type Errors = Record<string, string[] | undefined>;
