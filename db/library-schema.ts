import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { media, mediaGenerations } from "./media-schema";
import { teams, users } from "./schema";

// The team's library around its media: links shared outside the team, the review of versions,
// collections and favourites, the activity feed and the notifications it makes.

/**
 * A public link to one media. Only a SHA-256 of the token is stored (a database leak leaks no
 * working link); a revoked link answers 404, an expired one 410.
 */
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** scrypt hash (lib/auth/password.ts) when the link asks for a password; null = none. */
    passwordHash: text("password_hash"),
    allowDownload: boolean("allow_download").notNull().default(false),
    views: integer("views").notNull().default(0),
    lastViewedAt: timestamp("last_viewed_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("share_links_token_idx").on(t.tokenHash),
    index("share_links_media_idx").on(t.teamId, t.mediaId),
    index("share_links_media_fk_idx").on(t.mediaId),
    index("share_links_creator_idx").on(t.createdBy),
  ],
);

/** A comment on one version of a media, optionally at a time in it; replies point at their parent. */
export const mediaComments = pgTable(
  "media_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    generationId: uuid("generation_id").references(() => mediaGenerations.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => mediaComments.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    /** Where in the video, in milliseconds; null = about the whole version. */
    timecodeMs: integer("timecode_ms"),
    /** User ids @mentioned in the body, resolved when it was written. */
    mentions: text("mentions").array().notNull().default(sql`'{}'::text[]`),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("media_comments_media_idx").on(t.teamId, t.mediaId, t.createdAt),
    index("media_comments_media_fk_idx").on(t.mediaId),
    index("media_comments_generation_idx").on(t.generationId),
    index("media_comments_parent_idx").on(t.parentId),
    index("media_comments_author_idx").on(t.authorId),
    index("media_comments_resolver_idx").on(t.resolvedBy),
  ],
);

/** A named set of the team's media (a campaign, a client); a media can be in several. */
export const collections = pgTable(
  "collections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Names are unique within a team whatever their case.
    uniqueIndex("collections_team_name_idx").on(t.teamId, sql`lower(${t.name})`),
    index("collections_creator_idx").on(t.createdBy),
  ],
);

export const collectionMedia = pgTable(
  "collection_media",
  {
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    addedBy: text("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.mediaId] }),
    index("collection_media_media_idx").on(t.mediaId),
    index("collection_media_team_idx").on(t.teamId),
    index("collection_media_adder_idx").on(t.addedBy),
  ],
);

/** One user's favourites among the team's media (each member has their own). */
export const favourites = pgTable(
  "favourites",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.mediaId] }),
    index("favourites_media_idx").on(t.mediaId),
    index("favourites_team_user_idx").on(t.teamId, t.userId),
  ],
);

export const ACTIVITY_KINDS = [
  "created",
  "finished",
  "failed",
  "commented",
  "shared",
  "deleted",
  "restored",
  "member_joined",
  "member_left",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * What happened in a team, newest first on its activity page. `data` keeps what the line needs
 * after its subject is gone (the media's title, a member's name), so a purged media still reads.
 */
export const activity = pgTable(
  "activity",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ActivityKind>().notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    mediaId: uuid("media_id").references(() => media.id, { onDelete: "set null" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("activity_team_created_idx").on(t.teamId, t.createdAt.desc(), t.id.desc()),
    index("activity_actor_idx").on(t.actorId),
    index("activity_media_idx").on(t.mediaId),
  ],
);

export const NOTIFICATION_KINDS = ["render_finished", "render_failed", "mentioned"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What concerns one user (their render finished or failed, they were mentioned): the bell. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    activityId: uuid("activity_id").references(() => activity.id, { onDelete: "cascade" }),
    mediaId: uuid("media_id").references(() => media.id, { onDelete: "cascade" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** When its email went out; null = not sent (no EMAIL_SERVER, switched off, or not yet). */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_team_idx").on(t.teamId),
    index("notifications_activity_idx").on(t.activityId),
    index("notifications_media_idx").on(t.mediaId),
  ],
);

/** Kinds of notification a user has switched off by email (a row = off; none = every kind on). */
export const notificationEmailOptOuts = pgTable(
  "notification_email_opt_outs",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
