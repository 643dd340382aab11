import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { teams, users } from "./schema";

// A team's media: what was asked (params, inputs), where it stands upstream, and every
// generation. The raw upstream JSON is kept because the shape of `result` is undocumented.

/** The app's own view of a media's state; upstream's processing_status maps onto it. */
export const mediaStatus = pgEnum("media_status", [
  "not_submitted", // recorded, upstream call failed or not yet made; retryable
  // recorded and paid for (reserved), held back until the team has a free render slot or
  // upstream's 429 backoff has passed; sent in order by lib/media/waiting.ts
  "waiting",
  // a credit-spending call was sent and its answer is not known yet (in flight, lost, or a crash):
  // never sent again blindly, resolved from upstream's own evidence
  "checking",
  "queued",
  "processing",
  "success",
  "fail",
  "cancel",
]);
export type MediaStatus = (typeof mediaStatus.enumValues)[number];

/** The states that hold one of the team's render slots (upstream is, or may be, working on it). */
export const SLOT_STATUSES: readonly MediaStatus[] = ["queued", "processing", "checking"];

export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull().default(""),
    description: text("description").notNull().default(""),
    rating: text("rating"),
    visibility: text("visibility").notNull().default("0"),
    motionType: text("motion_type").notNull(),
    /** The validated create parameters (lib/media/create-schema.ts), as the user asked. */
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    /** Input files and URLs: [{ role: "first"|"last"|"person"|"garment"|"video", key?, url?, contentType?, name? }]. */
    inputs: jsonb("inputs").$type<MediaInput[]>().notNull().default([]),
    status: mediaStatus("status").notNull().default("not_submitted"),
    progress: integer("progress").notNull().default(0),
    /** Why the last upstream call failed (shown with a retry button), null when fine. */
    lastError: text("last_error"),
    upstreamId: text("upstream_id"),
    upstream: jsonb("upstream").$type<unknown>(),
    serviceName: text("service_name"),
    serviceVersion: text("service_version"),
    bulletVersion: text("bullet_version"),
    /** sha256 of the per-media webhook secret; the secret itself is only in the webhook URL. */
    webhookSecretHash: text("webhook_secret_hash").notNull(),
    /** One key per submission from the Create form: a double click or a retry makes one media. */
    idempotencyKey: text("idempotency_key"),
    /**
     * When the credit-spending call now unresolved was sent (create, process or a charged edit):
     * set while it is in flight and kept while its answer is unknown, cleared once resolved.
     */
    submittingAt: timestamp("submitting_at", { withTimezone: true }),
    /** A lost create's job as a notice named it, not yet confirmed with upstream (the reconciler retries). */
    candidateUpstreamId: text("candidate_upstream_id"),
    /** For an unresolved process or charged edit: the media as it was, to tell a new version from it. */
    pendingBaseline: jsonb("pending_baseline").$type<PendingBaseline>(),
    /** The first of a run of 404s from upstream's GET; cleared by any answer. */
    notFoundSince: timestamp("not_found_since", { withTimezone: true }),
    /** Failed because upstream kept answering 404 (not upstream's own word): still looked at for a while. */
    presumedGoneAt: timestamp("presumed_gone_at", { withTimezone: true }),
    /** Failed attempts at copying the current version's files, and when the next may start. */
    copyAttempts: integer("copy_attempts").notNull().default(0),
    nextCopyAt: timestamp("next_copy_at", { withTimezone: true }),
    /** One sync at a time: a notice arriving while it runs asks for one more pass instead of a GET. */
    syncLeaseUntil: timestamp("sync_lease_until", { withTimezone: true }),
    syncRequested: boolean("sync_requested").notNull().default(false),
    posterKey: text("poster_key"),
    /** In the team's Trash since then (restorable for 30 days, then purged); null = in the library. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: text("deleted_by").references(() => users.id, { onDelete: "set null" }),
    /** Its place in the team's line of renders waiting for a free slot (set once, cleared when sent). */
    waitingSince: timestamp("waiting_since", { withTimezone: true }),
    /** Not sent before this (upstream answered 429); null = as soon as a slot is free. */
    sendAfter: timestamp("send_after", { withTimezone: true }),
    /** Upstream 429s met by the current send, for the backoff. */
    sendAttempts: integer("send_attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
  },
  (t) => [
    // Keyset pagination of a team's gallery, newest first.
    index("media_team_created_idx").on(t.teamId, t.createdAt.desc(), t.id.desc()),
    index("media_team_status_idx").on(t.teamId, t.status),
    index("media_team_creator_idx").on(t.teamId, t.createdBy),
    // Every foreign key a cascade or set-null follows has an index leading with it.
    index("media_creator_idx").on(t.createdBy),
    uniqueIndex("media_webhook_secret_idx").on(t.webhookSecretHash),
    uniqueIndex("media_idempotency_idx").on(t.teamId, t.idempotencyKey),
    index("media_upstream_idx").on(t.upstreamId),
    // The reconciler's work list: media still in flight.
    index("media_in_flight_idx").on(t.syncedAt).where(sql`${t.status} in ('queued', 'processing')`),
    // The team's Trash, and the purge of what has been there 30 days.
    index("media_deleted_idx").on(t.teamId, t.deletedAt).where(sql`${t.deletedAt} is not null`),
    index("media_deleted_by_idx").on(t.deletedBy),
    // Each team's line of waiting renders, oldest first.
    index("media_waiting_idx").on(t.teamId, t.waitingSince).where(sql`${t.waitingSince} is not null`),
    // The reconciler's other list: calls whose answer was lost, and renders presumed gone.
    index("media_unresolved_idx")
      .on(t.submittingAt)
      .where(sql`${t.submittingAt} is not null or ${t.presumedGoneAt} is not null`),
  ],
);

export type PendingBaseline = {
  status: MediaStatus;
  progress: number;
  syncedAt: string | null;
  bulletVersion: string | null;
  /** Upstream's video_history length before the call. */
  historyLength: number;
};

export type MediaInput = {
  role: "first" | "last" | "person" | "garment" | "video";
  key?: string;
  url?: string;
  contentType?: string;
  name?: string;
};

/** One row per generation: the first submission, each resubmission and each "process again". */
export const mediaGenerations = pgTable(
  "media_generations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    kind: text("kind").$type<"create" | "resubmit" | "process">().notNull(),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    status: mediaStatus("status").notNull().default("not_submitted"),
    bulletVersion: text("bullet_version"),
    serviceName: text("service_name"),
    serviceVersion: text("service_version"),
    error: text("error"),
    /** The team's review of this version: approved, changes requested, or not reviewed (null). */
    review: text("review").$type<"approved" | "changes_requested">(),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("media_generations_number_idx").on(t.mediaId, t.number),
    index("media_generations_team_idx").on(t.teamId),
    index("media_generations_requester_idx").on(t.requestedBy),
    index("media_generations_reviewer_idx").on(t.reviewedBy),
  ],
);

/** The app's own copies of finished files, so the gallery outlives upstream's storage. */
export const mediaAssets = pgTable(
  "media_assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    generationId: uuid("generation_id").references(() => mediaGenerations.id, { onDelete: "set null" }),
    /** Upstream's download key for the variant, e.g. "Parallax1". */
    variantKey: text("variant_key").notNull(),
    kind: text("kind").$type<"mp4" | "gif" | "poster">().notNull(),
    storageKey: text("storage_key").notNull(),
    contentType: text("content_type").notNull(),
    bytes: bigint("bytes", { mode: "number" }),
    bulletVersion: text("bullet_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("media_assets_variant_idx").on(t.mediaId, t.bulletVersion, t.variantKey, t.kind),
    index("media_assets_team_idx").on(t.teamId),
    // Deleting a generation (a media's cascade) sets these null: without it, a scan per row.
    index("media_assets_generation_idx").on(t.generationId),
  ],
);

/** Files uploaded for Create, owned by the team before any media uses them. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    uploadedBy: text("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    storage: text("storage").$type<"local" | "uploadthing">().notNull(),
    /** Local storage key, or uploadthing's file key. */
    storageKey: text("storage_key").notNull(),
    /** Public URL when the storage has one (uploadthing), else null. */
    url: text("url"),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    /** Local storage key of a small WebP (about 480 px) that cards and previews show; null for older uploads. */
    thumbnailKey: text("thumbnail_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("uploads_storage_key_idx").on(t.storage, t.storageKey),
    index("uploads_team_idx").on(t.teamId),
    index("uploads_uploader_idx").on(t.uploadedBy),
  ],
);

/**
 * What each credit-spending call is expected to cost, one row per media generation (`key`), so a
 * retry, a replayed webhook or a crash can never charge or refund twice. A row is reserved before
 * the call, settled when upstream accepts, refunded when it refuses or the render fails or is
 * cancelled; an unclear call keeps its reservation until upstream's own evidence resolves it.
 */
export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    mediaId: uuid("media_id").references(() => media.id, { onDelete: "set null" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /** One entry per media generation: "<mediaId>:<generation number>". */
    key: text("key").notNull().unique(),
    kind: text("kind").$type<"create" | "resubmit" | "process">().notNull(),
    motionType: text("motion_type").notNull(),
    credits: integer("credits").notNull(),
    state: text("state").$type<"reserved" | "settled" | "refunded">().notNull().default("reserved"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
  },
  (t) => [
    index("credit_ledger_team_month_idx").on(t.teamId, t.createdAt),
    index("credit_ledger_media_idx").on(t.mediaId),
    index("credit_ledger_user_idx").on(t.userId),
  ],
);

// ---- derived values, for queries that need them in SQL --------------------------------------

/** How many videos a media was asked for (one pose preset, `quantity` of them). */
export const expectedCopies = sql<number>`case when jsonb_typeof(${media.params}->'quantity') = 'number' then greatest(1, (${media.params}->>'quantity')::int) else 1 end`;

// Spelled out: in a single-table select drizzle leaves columns unqualified, and inside this
// sub-select a bare "id" would mean media_assets.id.
/** Finished copies of the media's current version. */
export const currentCopies = sql<number>`(select count(*)::int from media_assets a where a.media_id = "media"."id" and a.kind = 'mp4' and a.bytes is not null and a.bullet_version is not distinct from "media"."bullet_version")`;

/** Object types upstream refused to make (a GIF, say): remembered so nobody asks again. */
export const upstreamRefusals = pgTable("upstream_refusals", {
  objectType: text("object_type").primaryKey(),
  code: text("code"),
  refusedAt: timestamp("refused_at", { withTimezone: true }).notNull().defaultNow(),
});
