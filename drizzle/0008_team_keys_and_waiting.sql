ALTER TYPE "public"."media_status" ADD VALUE 'waiting' BEFORE 'checking';--> statement-breakpoint
CREATE TABLE "team_vimmerse_keys" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"ciphertext" text NOT NULL,
	"last4" text NOT NULL,
	"set_by" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "send_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "send_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "team_vimmerse_keys" ADD CONSTRAINT "team_vimmerse_keys_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_vimmerse_keys" ADD CONSTRAINT "team_vimmerse_keys_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_waiting_idx" ON "media" USING btree ("team_id","waiting_since") WHERE "media"."waiting_since" is not null;