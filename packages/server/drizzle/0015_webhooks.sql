CREATE TABLE "crm"."webhook_attempts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" integer,
	"duration_ms" integer NOT NULL,
	"response" text DEFAULT '' NOT NULL,
	"error" text,
	CONSTRAINT "webhook_attempts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."webhook_attempts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."webhook_deliveries" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"order_key" text,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"replay_of" uuid,
	CONSTRAINT "webhook_deliveries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."webhook_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."webhook_endpoints" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"event_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	CONSTRAINT "webhook_endpoints_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."webhook_endpoints" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."webhook_attempts" ADD CONSTRAINT "webhook_attempts_org_id_delivery_id_webhook_deliveries_org_id_id_fk" FOREIGN KEY ("org_id","delivery_id") REFERENCES "crm"."webhook_deliveries"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_org_id_endpoint_id_webhook_endpoints_org_id_id_fk" FOREIGN KEY ("org_id","endpoint_id") REFERENCES "crm"."webhook_endpoints"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "crm"."webhook_attempts" USING btree ("org_id","delivery_id","at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "crm"."webhook_deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_order_idx" ON "crm"."webhook_deliveries" USING btree ("org_id","endpoint_id","order_key","seq") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_log_idx" ON "crm"."webhook_deliveries" USING btree ("org_id","endpoint_id","id");--> statement-breakpoint
CREATE POLICY "webhook_attempts_tenant" ON "crm"."webhook_attempts" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "webhook_deliveries_tenant" ON "crm"."webhook_deliveries" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "webhook_endpoints_tenant" ON "crm"."webhook_endpoints" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
-- Requests queue deliveries as the request role, whose grants cover tables but not sequences.
GRANT USAGE ON SEQUENCE "crm"."webhook_deliveries_seq_seq" TO crm_app;
