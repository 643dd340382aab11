// Shapes shared by the engine's modules. Kept free of imports so schema.ts can use them.

export type SandboxSettings = {
  /** null = unlimited */
  credits: number | null;
  /** 0..1 */
  failRate: number;
  /** extra processing delay */
  delayMs: number;
  dropWebhooks: boolean;
};

export const ASPECT_RATIOS = ["16:9", "4:3", "1:1", "3:4", "9:16"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const CAMERA_PATHS = [
  "HorizontalArc",
  "VerticalArc",
  "StepIn",
  "Cross",
  "Circular",
  "StepD",
  "StepU",
  "StepL",
  "StepR",
] as const;
export type CameraPath = (typeof CAMERA_PATHS)[number];

/** One motion of a media, parsed from a pose preset (MotionType + Params string). */
export type Pose = {
  motionType: string;
  /** "" unless given (Parallax falls back to HorizontalArc at render time). */
  cameraPath: CameraPath | "";
  prompt: string;
  promptStrength: number | null;
  quantity: number;
  motionAmount: number;
  motionLength: number;
  loop: number;
  aspectRatio: AspectRatio | null;
  /** Params keys the engine does not interpret, echoed back in order. */
  extras: [string, string][];
};

/** Everything a render needs besides the input files. */
export type GenerationSpec = {
  poses: Pose[];
  soundEffects: boolean;
  model: string;
  extendVideo: boolean;
  characterAnimate: boolean;
};

export type InputPosition = "First" | "Last";

/** An input of a media: a stored upload, or a URL fetched when the job runs. */
export type StoredInput = {
  kind: "image" | "video";
  position: InputPosition;
  /** The name shown in file_map. */
  name: string;
  /** Path relative to the media's files folder once the file is on disk. */
  file?: string;
  url?: string;
};

export type RenderedVariant = {
  key: string;
  motionType: string;
  cameraPath: CameraPath;
  width: number;
  height: number;
  duration: number;
  hasAudio: boolean;
  /** File names inside the generation's folder. */
  mp4: string;
  gif: string;
  poster: string;
};

export type HistoryEntry = Record<string, unknown>;
