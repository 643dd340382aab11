CREATE TABLE "media_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"media_id" uuid NOT NULL,
	"generation_id" uuid,
	"parent_id" uuid,
	"author_id" text,
	"body" text NOT NULL,
	"timecode_ms" integer,
	"mentions" text[] DEFAULT '{}'::text[] NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"media_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text,
	"expires_at" timestamp with time zone,
	"password_hash" text,
	"allow_download" boolean DEFAULT false NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "deleted_by" text;--> statement-breakpoint
ALTER TABLE "media_generations" ADD COLUMN "review" text;--> statement-breakpoint
ALTER TABLE "media_generations" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "media_generations" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media_comments" ADD CONSTRAINT "media_comments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_comments" ADD CONSTRAINT "media_comments_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_comments" ADD CONSTRAINT "media_comments_generation_id_media_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."media_generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_comments" ADD CONSTRAINT "media_comments_parent_id_media_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."media_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_comments" ADD CONSTRAINT "media_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_comments" ADD CONSTRAINT "media_comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_comments_media_idx" ON "media_comments" USING btree ("team_id","media_id","created_at");--> statement-breakpoint
CREATE INDEX "media_comments_media_fk_idx" ON "media_comments" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "media_comments_generation_idx" ON "media_comments" USING btree ("generation_id");--> statement-breakpoint
CREATE INDEX "media_comments_parent_idx" ON "media_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "media_comments_author_idx" ON "media_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "media_comments_resolver_idx" ON "media_comments" USING btree ("resolved_by");--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_token_idx" ON "share_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "share_links_media_idx" ON "share_links" USING btree ("team_id","media_id");--> statement-breakpoint
CREATE INDEX "share_links_media_fk_idx" ON "share_links" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "share_links_creator_idx" ON "share_links" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_generations" ADD CONSTRAINT "media_generations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_deleted_idx" ON "media" USING btree ("team_id","deleted_at") WHERE "media"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "media_deleted_by_idx" ON "media" USING btree ("deleted_by");--> statement-breakpoint
CREATE INDEX "media_assets_generation_idx" ON "media_assets" USING btree ("generation_id");--> statement-breakpoint
CREATE INDEX "media_generations_requester_idx" ON "media_generations" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "media_generations_reviewer_idx" ON "media_generations" USING btree ("reviewed_by");