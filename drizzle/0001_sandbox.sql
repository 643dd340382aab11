CREATE TABLE "sandbox_media" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"files_key" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rating" text DEFAULT '' NOT NULL,
	"visibility_status" text DEFAULT '1' NOT NULL,
	"is_transition" text DEFAULT 'No' NOT NULL,
	"webhook_url" text DEFAULT '' NOT NULL,
	"spec" jsonb NOT NULL,
	"pose_preset" jsonb NOT NULL,
	"submit_params" jsonb NOT NULL,
	"file_map" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inputs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'queue_bullet' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"bullet_version" integer DEFAULT 0 NOT NULL,
	"video_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"variants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"variants_generation" integer,
	"duration_time" text DEFAULT '0' NOT NULL,
	"service_name" text NOT NULL,
	"service_version" text NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"credits" integer,
	"fail_rate" double precision DEFAULT 0 NOT NULL,
	"delay_ms" integer DEFAULT 0 NOT NULL,
	"drop_webhooks" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"media_id" uuid NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "sandbox_media_customer_idx" ON "sandbox_media" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sandbox_media_queue_idx" ON "sandbox_media" USING btree ("status","locked_until");--> statement-breakpoint
CREATE INDEX "sandbox_webhooks_due_idx" ON "sandbox_webhooks" USING btree ("status","next_attempt_at");