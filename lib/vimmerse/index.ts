// The Vimmerse Media API client: HTTP only, no knowledge of the app. See client.ts.
export {
  createVimmerseClient,
  fileNameFrom,
  type CallOptions,
  type Download,
  type DownloadObjectType,
  type DownloadOptions,
  type VimmerseClient,
  type VimmerseClientOptions,
} from "./client";
export {
  BadRequestError,
  InsufficientCreditError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  ValidationError,
  VimmerseError,
  parseRetryAfter,
  type UnavailableReason,
} from "./errors";
export type { FetchLike, Sleep } from "./http";
export { isTerminalStatus, variantKeys, variants, type Variant } from "./media";
export { buildParams, parseParams, type PoseParams, type PoseParamsInput } from "./params";
export {
  ASPECT_RATIOS,
  RESUBMIT_FIELDS,
  createMediaFromPromptSchema,
  createMediaSchema,
  createMediaUploadSchema,
  editMediaSchema,
  editSpendsCredits,
  type AspectRatio,
  type CreateMediaFromPromptInput,
  type CreateMediaInput,
  type CreateMediaUploadInput,
  type EditMediaPatch,
  type FileInput,
  type MediaItemInput,
  type PosePresetInput,
  type SubmitParamsInput,
  type UploadDataInput,
  type VisibilityInput,
  type YesNoInput,
} from "./requests";
export {
  PROCESSING_STATUSES,
  parseMedia,
  parseProcessingStatus,
  type FileMapEntry,
  type JsonObject,
  type Media,
  type PosePreset,
  type ProcessingStatus,
  type ProcessingStatusResult,
  type SubmitParams,
  type VideoHistoryEntry,
  type VisibilityStatus,
} from "./responses";
export { parseWebhookPayload, webhookPayloadSchema, type WebhookPayload } from "./webhook";
