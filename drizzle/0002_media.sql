CREATE TYPE "public"."media_status" AS ENUM('not_submitted', 'queued', 'processing', 'success', 'fail', 'cancel');--> statement-breakpoint
CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"created_by" text,
	"title" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rating" text,
	"visibility" text DEFAULT '0' NOT NULL,
	"motion_type" text NOT NULL,
	"params" jsonb NOT NULL,
	"inputs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "media_status" DEFAULT 'not_submitted' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"upstream_id" text,
	"upstream" jsonb,
	"service_name" text,
	"service_version" text,
	"bullet_version" text,
	"webhook_secret_hash" text NOT NULL,
	"idempotency_key" text,
	"poster_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"synced_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "media_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"media_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"generation_id" uuid,
	"variant_key" text NOT NULL,
	"kind" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" bigint,
	"bullet_version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_generations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"media_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"requested_by" text,
	"params" jsonb NOT NULL,
	"status" "media_status" DEFAULT 'not_submitted' NOT NULL,
	"bullet_version" text,
	"service_name" text,
	"service_version" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"uploaded_by" text,
	"storage" text NOT NULL,
	"storage_key" text NOT NULL,
	"url" text,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_generation_id_media_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."media_generations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_generations" ADD CONSTRAINT "media_generations_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_generations" ADD CONSTRAINT "media_generations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_generations" ADD CONSTRAINT "media_generations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_team_created_idx" ON "media" USING btree ("team_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "media_team_status_idx" ON "media" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "media_team_creator_idx" ON "media" USING btree ("team_id","created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "media_webhook_secret_idx" ON "media" USING btree ("webhook_secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "media_idempotency_idx" ON "media" USING btree ("team_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "media_upstream_idx" ON "media" USING btree ("upstream_id");--> statement-breakpoint
CREATE INDEX "media_in_flight_idx" ON "media" USING btree ("synced_at") WHERE "media"."status" in ('queued', 'processing');--> statement-breakpoint
CREATE UNIQUE INDEX "media_assets_variant_idx" ON "media_assets" USING btree ("media_id","bullet_version","variant_key","kind");--> statement-breakpoint
CREATE INDEX "media_assets_team_idx" ON "media_assets" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_generations_number_idx" ON "media_generations" USING btree ("media_id","number");--> statement-breakpoint
CREATE INDEX "media_generations_team_idx" ON "media_generations" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uploads_storage_key_idx" ON "uploads" USING btree ("storage","storage_key");--> statement-breakpoint
CREATE INDEX "uploads_team_idx" ON "uploads" USING btree ("team_id");