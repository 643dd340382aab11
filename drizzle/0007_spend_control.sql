ALTER TYPE "public"."team_role" ADD VALUE 'viewer';--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"media_id" uuid,
	"user_id" text,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"motion_type" text NOT NULL,
	"credits" integer NOT NULL,
	"state" text DEFAULT 'reserved' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "credit_ledger_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "monthly_credit_cap" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "monthly_credit_budget" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_ledger_team_month_idx" ON "credit_ledger" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "credit_ledger_media_idx" ON "credit_ledger" USING btree ("media_id");