CREATE TABLE "crm"."api_keys" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "crm"."sessions" (
	"org_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."organizations" ADD COLUMN "allowed_origins" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "api_keys_id_idx" ON "crm"."api_keys" USING btree ("id");--> statement-breakpoint
CREATE INDEX "sessions_id_idx" ON "crm"."sessions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "crm"."sessions" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE POLICY "api_keys_tenant" ON "crm"."api_keys" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "sessions_tenant" ON "crm"."sessions" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);