// The Vimmerse Media API client: HTTP only, no knowledge of the app. See client.ts.
export {
  type CallOptions,
  createVimmerseClient,
  type Download,
  type DownloadObjectType,
  type DownloadOptions,
  fileNameFrom,
  type VimmerseClient,
  type VimmerseClientOptions,
} from "./client";
export {
  BadRequestError,
  InsufficientCreditError,
  NotFoundError,
  parseRetryAfter,
  RateLimitedError,
  UnauthorizedError,
  type UnavailableReason,
  UpstreamUnavailableError,
  ValidationError,
  VimmerseError,
} from "./errors";
export type { FetchLike, Sleep } from "./http";
export { isTerminalStatus, type Variant, variantKeys, variants } from "./media";
export { buildParams, type PoseParams, type PoseParamsInput, parseParams } from "./params";
export {
  ASPECT_RATIOS,
  type AspectRatio,
  type CreateMediaFromPromptInput,
  type CreateMediaInput,
  type CreateMediaUploadInput,
  createMediaFromPromptSchema,
  createMediaSchema,
  createMediaUploadSchema,
  type EditMediaPatch,
  editMediaSchema,
  editSpendsCredits,
  type FileInput,
  type MediaItemInput,
  type PosePresetInput,
  RESUBMIT_FIELDS,
  type SubmitParamsInput,
  type UploadDataInput,
  type VisibilityInput,
  type YesNoInput,
} from "./requests";
export {
  type FileMapEntry,
  type JsonObject,
  type Media,
  type PosePreset,
  PROCESSING_STATUSES,
  type ProcessingStatus,
  type ProcessingStatusResult,
  parseMedia,
  parseProcessingStatus,
  type SubmitParams,
  type VideoHistoryEntry,
  type VisibilityStatus,
} from "./responses";
export { parseWebhookPayload, type WebhookPayload, webhookPayloadSchema } from "./webhook";
