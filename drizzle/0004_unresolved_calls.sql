ALTER TYPE "public"."media_status" ADD VALUE 'checking' BEFORE 'queued';--> statement-breakpoint
CREATE TABLE "upstream_refusals" (
	"object_type" text PRIMARY KEY NOT NULL,
	"code" text,
	"refused_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "pending_baseline" jsonb;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "not_found_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "presumed_gone_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "copy_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "next_copy_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "sync_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "sync_requested" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_settings" ADD COLUMN "faults" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "media_unresolved_idx" ON "media" USING btree ("submitting_at") WHERE "media"."submitting_at" is not null or "media"."presumed_gone_at" is not null;