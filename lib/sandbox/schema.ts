import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { GenerationSpec, HistoryEntry, RenderedVariant, StoredInput } from "./types";

// The sandbox engine's own tables. They share the app's database but nothing else: the engine
// never reads the app's tables and the app never reads these (it talks HTTP to the engine).

/** One row, id "default": the knobs of the fake cloud (credit balance, failure rate, ...). */
export const sandboxSettings = pgTable("sandbox_settings", {
  id: text("id").primaryKey(),
  /** null means unlimited. */
  credits: integer("credits"),
  failRate: doublePrecision("fail_rate").notNull().default(0),
  delayMs: integer("delay_ms").notNull().default(0),
  dropWebhooks: boolean("drop_webhooks").notNull().default(false),
  /** Faults to inject (lib/sandbox/faults.ts): lost answers, 404 bursts, 429s, refused object types. */
  faults: jsonb("faults").$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A media is also its own job: the worker claims rows whose status is not terminal. */
export const sandboxMedia = pgTable(
  "sandbox_media",
  {
    id: uuid("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    /** Random directory name under files/: result URLs must not be guessable from the media id. */
    filesKey: text("files_key").notNull(),
    title: text("title").notNull().default(""),
    description: text("description").notNull().default(""),
    rating: text("rating").notNull().default(""),
    visibilityStatus: text("visibility_status").notNull().default("1"),
    isTransition: text("is_transition").notNull().default("No"),
    webhookUrl: text("webhook_url").notNull().default(""),
    spec: jsonb("spec").$type<GenerationSpec>().notNull(),
    /** What the API echoes back: an object for one motion, a list for several. */
    posePreset: jsonb("pose_preset").$type<unknown>().notNull(),
    submitParams: jsonb("submit_params").$type<Record<string, string>>().notNull(),
    fileMap: jsonb("file_map").$type<{ FileType: string; FileName: string }[]>().notNull().default([]),
    inputs: jsonb("inputs").$type<StoredInput[]>().notNull().default([]),
    status: text("status").notNull().default("queue_bullet"),
    progress: integer("progress").notNull().default(0),
    /** Bumped by every (re)submission; a render of an older generation is discarded. */
    generation: integer("generation").notNull().default(1),
    /** Completed generations, as upstream counts them ("0" until the first render is done). */
    bulletVersion: integer("bullet_version").notNull().default(0),
    videoHistory: jsonb("video_history").$type<HistoryEntry[]>().notNull().default([]),
    variants: jsonb("variants").$type<RenderedVariant[]>().notNull().default([]),
    /** Generation whose files `variants` describes (downloads read from its folder). */
    variantsGeneration: integer("variants_generation"),
    durationTime: text("duration_time").notNull().default("0"),
    serviceName: text("service_name").notNull(),
    serviceVersion: text("service_version").notNull(),
    error: text("error"),
    /** Claims of the current generation; a job that keeps killing its worker is failed. */
    attempts: integer("attempts").notNull().default(0),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sandbox_media_customer_idx").on(t.customerId),
    index("sandbox_media_queue_idx").on(t.status, t.lockedUntil),
  ],
);

/** Outgoing notices, kept until delivered or given up, so retries survive a restart. */
export const sandboxWebhooks = pgTable(
  "sandbox_webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mediaId: uuid("media_id").notNull(),
    url: text("url").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** pending | delivered | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("sandbox_webhooks_due_idx").on(t.status, t.nextAttemptAt)],
);

export type SandboxMediaRow = typeof sandboxMedia.$inferSelect;
export type SandboxWebhookRow = typeof sandboxWebhooks.$inferSelect;
