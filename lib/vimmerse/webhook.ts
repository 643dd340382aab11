import { z } from "zod";

// Upstream POSTs {"customer_id", "media_id", "status"} when a media finishes; some payloads name
// a batch_id instead of media_id. The call is unsigned and may be repeated: receivers must verify
// by fetching the media (never trust `status` alone) and be idempotent.

const id = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string());

const optionalId = z
  .union([id, z.null()])
  .optional()
  .transform((v) => (v ? v : undefined));

export const webhookPayloadSchema = z
  .looseObject({
    customer_id: id,
    media_id: optionalId,
    batch_id: optionalId,
    status: z.union([z.string(), z.number()]).transform(String),
  })
  .refine((p) => p.media_id !== undefined || p.batch_id !== undefined, {
    message: "media_id or batch_id is required",
    path: ["media_id"],
  });

export type WebhookPayloadWire = z.output<typeof webhookPayloadSchema>;

export type WebhookPayload = {
  customerId: string;
  mediaId: string | null;
  batchId: string | null;
  status: string;
  raw: Record<string, unknown>;
};

/** Parses a webhook body (already JSON-decoded); null when it is not a Vimmerse notice. */
export function parseWebhookPayload(json: unknown): WebhookPayload | null {
  const r = webhookPayloadSchema.safeParse(json);
  if (!r.success) return null;
  return {
    customerId: r.data.customer_id,
    mediaId: r.data.media_id ?? null,
    batchId: r.data.batch_id ?? null,
    status: r.data.status,
    raw: json as Record<string, unknown>,
  };
}
