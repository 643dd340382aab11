import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { media, mediaGenerations } from "./media-schema";
import { teams, users } from "./schema";

// The team's library around its media: links shared outside the team, and the review of versions.

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
