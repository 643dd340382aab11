// Shapes shared by the engine's modules. Kept free of imports so schema.ts can use them.

export type SandboxSettings = {
  /** null = unlimited */
  credits: number | null;
  /** 0..1 */
  failRate: number;
  /** extra processing delay */
  delayMs: number;
  dropWebhooks: boolean;
  /** Ways the fake cloud misbehaves on purpose (faults.ts); all off by default. */
  faults: SandboxFaults;
};

/** How an accepted call's answer is lost: "any" picks one of the other three per call. */
export type LostAnswerKind = "drop" | "500" | "late";

export type SandboxFaults = {
  /**
   * Credit-spending calls (the three creates, POST /media/{id}/process, PUT /media/{id}/edit
   * when it changes a generation parameter) that are ACCEPTED (the job is created or
   * re-rendered and credits are spent exactly as normal) and whose answer is then lost.
   */
  lostAnswer: {
    /** The next N such calls lose their answer (counted down in the database row). */
    next: number;
    /** 0..1: otherwise each such call loses its answer with this probability. */
    rate: number;
    kind: LostAnswerKind | "any";
    /** For "late": the answer is sent only after this delay. */
    lateMs: number;
  };
  /** GET /media/{id} and GET /media/{id}/processing-status answer 404 MEDIA_NOT_FOUND for media that exist. */
  notFound: {
    /** 0..1: chance that a GET 404s while the burst lasts (1 = every GET). */
    rate: number;
    /** The burst lasts while Date.now() < untilMs (epoch ms; 0 = off). */
    untilMs: number;
  };
  /** Any API call (not /files, not /_sandbox) answers 429 with Retry-After before doing anything. */
  rateLimit: { next: number; rate: number; retryAfterS: number };
  /** GET /media/{id}/download?object_type=X answers 400 INVALID_OBJECT_TYPE for each X listed. */
  refuseObjectTypes: string[];
};

/** A change to the faults: each group is merged into the stored one; the list is replaced. */
export type SandboxFaultsPatch = {
  lostAnswer?: Partial<SandboxFaults["lostAnswer"]>;
  notFound?: Partial<SandboxFaults["notFound"]>;
  rateLimit?: Partial<SandboxFaults["rateLimit"]>;
  refuseObjectTypes?: string[];
};

export type SandboxSettingsPatch = Partial<Omit<SandboxSettings, "faults">> & { faults?: SandboxFaultsPatch };

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

/**
 * How the host hands over one of its own files behind a URL on its origin (null: not one of
 * them, or gone). Inputs are never fetched over the network.
 */
export type OpenInput = (url: URL, signal: AbortSignal) => Promise<ReadableStream<Uint8Array> | null>;

/** An input of a media: a stored upload, or a URL on the host's origin read when the job runs. */
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
