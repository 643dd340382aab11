// The motion types of the Vimmerse Media API in plain words, and what each one can take.
// Read from the upstream reference: only Auto (its transition example), LumaAI, KlingAI and
// RunwayML are described as taking a first AND a last frame; the rest take one image, or are
// said outright not to support a transition frame. Safe for client and server alike.

export const MOTION_TYPES = [
  "Auto",
  "Parallax",
  "KlingAI",
  "Kling2",
  "LumaAI",
  "LumaRay2",
  "MinimaxHailuo",
  "Seedance",
  "Hunyuan",
  "Wan",
  "Pixverse",
  "Veo",
  "VeoFast",
  "RunwayML",
  "LeonardoMotion",
  "TryOnVideo",
] as const;
export type MotionType = (typeof MOTION_TYPES)[number];

export type Motion = {
  id: MotionType;
  label: string;
  /** One line for the picker. */
  description: string;
  /** "required": no video without a photo; "optional": a prompt alone will do. */
  image: "required" | "optional";
  /** May take a second image as the video's last frame (a transition). */
  lastFrame: boolean;
  /** Parallax only: the camera path is what shapes the motion. */
  cameraPath: boolean;
  /** TryOnVideo only: a person image and a garment image, and a try-on model. */
  tryOn: boolean;
  /** Can continue one of the team's finished videos (extend_video). */
  extend: boolean;
};

const ai = (id: MotionType, label: string, description: string, lastFrame = false): Motion => ({
  id,
  label,
  description,
  image: "optional",
  lastFrame,
  cameraPath: false,
  tryOn: false,
  extend: true,
});

export const MOTIONS: readonly Motion[] = [
  ai("Auto", "Auto", "Picks the best motion for your photos or prompt.", true),
  {
    id: "Parallax",
    label: "Parallax",
    description: "A 3D camera move through your photo, along a path you choose.",
    image: "required",
    lastFrame: false,
    cameraPath: true,
    tryOn: false,
    extend: false,
  },
  ai("KlingAI", "Kling AI Pro", "Realistic motion from a prompt, with an optional last frame.", true),
  ai("Kling2", "Kling 2.1", "Detailed motion that follows your prompt closely."),
  ai(
    "LumaAI",
    "Luma AI",
    "Smooth motion between an optional first and last frame; name camera moves in the prompt.",
    true,
  ),
  ai("LumaRay2", "Luma Ray 2", "Natural, fluid motion from one image and a prompt."),
  ai("MinimaxHailuo", "MiniMax Hailuo", "Expressive character and camera motion from one image."),
  ai("Seedance", "Seedance", "ByteDance's model: lively motion from one image and a prompt."),
  ai("Hunyuan", "Hunyuan", "Tencent's model: cinematic motion from one image and a prompt."),
  ai("Wan", "Wan 2.1", "Alibaba's model: faithful motion from one image and a prompt."),
  ai("Pixverse", "PixVerse", "Stylised, eye-catching motion from one image and a prompt."),
  ai("Veo", "Veo", "Google's highest-quality video from one image and a prompt."),
  ai("VeoFast", "Veo Fast", "Google Veo, quicker: good for drafts."),
  ai("RunwayML", "Runway Gen-3", "Cinematic motion between an optional first and last frame.", true),
  {
    id: "LeonardoMotion",
    label: "Leonardo Motion",
    description: "Brings one still image gently to life.",
    image: "required",
    lastFrame: false,
    cameraPath: false,
    tryOn: false,
    extend: false,
  },
  {
    id: "TryOnVideo",
    label: "Try-on",
    description: "Dresses a person in a garment, then animates them.",
    image: "required",
    lastFrame: false,
    cameraPath: false,
    tryOn: true,
    extend: false,
  },
];

const byId = new Map(MOTIONS.map((m) => [m.id, m]));

export function motionFor(id: string): Motion {
  return byId.get(id as MotionType) ?? MOTIONS[0]!;
}

export const CAMERA_PATHS = [
  { id: "HorizontalArc", label: "Horizontal arc" },
  { id: "VerticalArc", label: "Vertical arc" },
  { id: "StepIn", label: "Step in" },
  { id: "Cross", label: "Cross" },
  { id: "Circular", label: "Circle" },
  { id: "StepD", label: "Step down" },
  { id: "StepU", label: "Step up" },
  { id: "StepL", label: "Step left" },
  { id: "StepR", label: "Step right" },
] as const;
export type CameraPath = (typeof CAMERA_PATHS)[number]["id"];
export const CAMERA_PATH_IDS = CAMERA_PATHS.map((c) => c.id) as [CameraPath, ...CameraPath[]];

export const TRY_ON_MODELS = [
  { id: "FashnTryOn", label: "FASHN", description: "Garment detail kept sharp." },
  { id: "ViduTryOn", label: "Vidu", description: "Natural movement of the dressed person." },
  { id: "KlingTryOn", label: "Kling", description: "Realistic fabric and lighting." },
] as const;
export type TryOnModel = (typeof TRY_ON_MODELS)[number]["id"];
export const TRY_ON_MODEL_IDS = TRY_ON_MODELS.map((m) => m.id) as [TryOnModel, ...TryOnModel[]];

/** Character animation is a model of its own upstream. */
export const CHARACTER_MODEL = "S2V";

export const ASPECT_RATIOS = ["16:9", "4:3", "1:1", "3:4", "9:16"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const VISIBILITIES = [
  { id: "0", label: "Private", description: "Only your team sees it." },
  { id: "1", label: "Unlisted", description: "Anyone with the link." },
  { id: "2", label: "Public", description: "Listed publicly on Vimmerse." },
] as const;
export type Visibility = (typeof VISIBILITIES)[number]["id"];
