import "server-only";
import type { MediaInput } from "@/db/media-schema";
import type { Storage } from "@/lib/storage/types";
import type { CreateMediaInput, FileInput, MediaItemInput } from "@/lib/vimmerse";
import type { CreateParams } from "./create-schema";
import { CHARACTER_MODEL, motionFor } from "./motions";

// A stored media's params and inputs → the create call upstream expects.

export class MissingInput extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const FIELD_OF_ROLE: Record<MediaInput["role"], string> = {
  first: "firstImage",
  last: "lastImage",
  person: "personImage",
  garment: "garmentImage",
  video: "videoAssetId",
};

async function readFile(storage: Storage, input: MediaInput): Promise<FileInput> {
  const file = input.key ? await storage.get(input.key) : null;
  if (!file)
    throw new MissingInput(
      FIELD_OF_ROLE[input.role],
      "This image is no longer in the studio's storage; upload it again.",
    );
  const data = new Uint8Array(await new Response(file.body).arrayBuffer());
  return {
    data,
    filename: input.name || `${input.role}.${(input.contentType ?? "image/png").split("/")[1]}`,
    contentType: input.contentType ?? file.contentType,
  };
}

/**
 * The API call for stored params and inputs. Images go as links when every one has a public
 * URL, as files when none has; a mix goes as media_items with signed links, because upstream
 * ignores image_urls whenever image_files are sent.
 */
export async function buildCreateInput(
  params: CreateParams,
  inputs: MediaInput[],
  storage: Storage,
  signedUrl: (key: string) => string,
): Promise<CreateMediaInput> {
  const motion = motionFor(params.motionType);
  const input: CreateMediaInput = {
    title: params.title,
    description: params.description,
    visibility_status: params.visibility,
    prompt: params.prompt,
    motion_type: params.motionType,
    quantity: params.quantity,
    duration: params.duration,
    loop: params.loop,
    motion_range: params.motionAmount,
    sound_effects: params.soundEffects ? "Yes" : "No",
    aspect_ratio: params.aspectRatio,
  };
  if (motion.cameraPath) input.camera_control = params.cameraPath;
  if (motion.tryOn) input.model = params.tryOnModel;
  if (params.characterAnimate) {
    input.character_animate = "Yes";
    input.model = CHARACTER_MODEL;
  }

  if (params.extendVideo) {
    const video = inputs.find((i) => i.role === "video");
    if (!video?.key && !video?.url) throw new MissingInput("videoAssetId", "Pick the video to extend again.");
    input.extend_video = "Yes";
    input.media_items = [{ type: "video", url: video.key ? signedUrl(video.key) : video.url!, position: "First" }];
    return input;
  }

  const order: MediaInput["role"][] = motion.tryOn ? ["person", "garment"] : ["first", "last"];
  const images = order.map((role) => inputs.find((i) => i.role === role)).filter((i): i is MediaInput => Boolean(i));
  if (images.length === 0) return input;
  if (images.every((i) => i.url)) {
    input.image_urls = images.map((i) => i.url!);
  } else if (images.every((i) => !i.url)) {
    input.image_files = await Promise.all(images.map((i) => readFile(storage, i)));
  } else {
    input.media_items = images.map(
      (i, n): MediaItemInput => ({
        type: "image",
        url: i.url ?? signedUrl(i.key!),
        position: n === 0 ? "First" : "Last",
      }),
    );
  }
  return input;
}
