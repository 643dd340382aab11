import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// Property names of the four auth tables are fixed by @auth/drizzle-adapter; column names are ours.

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  // Stored lower-cased so the unique index is case-insensitive in effect.
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
  image: text("image"),
  passwordHash: text("password_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"oauth" | "oidc" | "email" | "webauthn">().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique(),
    /** Credits the team may spend per calendar month (UTC), set by an operator; null = TEAM_MONTHLY_CREDITS. */
    monthlyCreditBudget: integer("monthly_credit_budget"),
    /** Set by an operator: a suspended team can watch and download, not spend. */
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    /**
     * An owner deleted the team: from then on nobody reaches it, and the background purges its
     * media, stored files and memberships in batches, then the row itself.
     */
    deletingAt: timestamp("deleting_at", { withTimezone: true }),
    deletingBy: text("deleting_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("teams_deleting_idx").on(t.deletingAt).where(sql`${t.deletingAt} is not null`)],
);

/**
 * A team's own Vimmerse API key, set by an owner: every upstream call for the team's media uses it
 * instead of the operator's. Only the AES-256-GCM ciphertext is stored (lib/team-keys), with the
 * last four characters to show. Its own table so no ordinary read of a team ever carries it.
 */
export const teamVimmerseKeys = pgTable(
  "team_vimmerse_keys",
  {
    teamId: uuid("team_id")
      .primaryKey()
      .references(() => teams.id, { onDelete: "cascade" }),
    ciphertext: text("ciphertext").notNull(),
    last4: text("last4").notNull(),
    setBy: text("set_by").references(() => users.id, { onDelete: "set null" }),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("team_vimmerse_keys_setter_idx").on(t.setBy)],
);

/** owner > admin > member > viewer; a viewer watches and downloads, never spends. */
export const teamRole = pgEnum("team_role", ["owner", "admin", "member", "viewer"]);
export type TeamRole = (typeof teamRole.enumValues)[number];

export const memberships = pgTable(
  "memberships",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: teamRole("role").notNull().default("member"),
    /** A cap on what this member may spend per calendar month, set by an owner; null = none. */
    monthlyCreditCap: integer("monthly_credit_cap"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: teamRole("role").notNull().default("member"),
    // Only a SHA-256 of the token is stored: a database leak does not leak working links.
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_idx").on(t.tokenHash),
    index("invitations_team_idx").on(t.teamId),
    index("invitations_inviter_idx").on(t.invitedBy),
    index("invitations_acceptor_idx").on(t.acceptedBy),
    // At most one open invitation per address and team.
    uniqueIndex("invitations_open_email_idx")
      .on(t.teamId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

/**
 * Throttle counters, one row per limited thing ("sign-in:account:<email>", "create:team:<id>").
 * In Postgres so every instance on Vercel counts the same hits; one statement per check.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
});
