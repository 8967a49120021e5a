CREATE TABLE "crm"."assignment_rules" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"strategy" text NOT NULL,
	"user_id" uuid,
	"team_id" uuid,
	"weights" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fallback_user_id" uuid,
	"assigned_count" bigint DEFAULT 0 NOT NULL,
	"turn" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "assignment_rules_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."assignment_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."lead_form_submissions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"contact_id" uuid,
	"data" jsonb NOT NULL,
	"attribution" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consent_text" text,
	"consent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_form_submissions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."lead_form_submissions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."lead_forms" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"secret" text NOT NULL,
	"fields" jsonb NOT NULL,
	"consent_text" text,
	"campaign_id" uuid,
	"source" text,
	"thank_you_text" text,
	"redirect_url" text,
	"allowed_origins" text[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"min_fill_seconds" integer DEFAULT 3 NOT NULL,
	CONSTRAINT "lead_forms_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "lead_forms_public_key" UNIQUE("org_id","public_key")
);
--> statement-breakpoint
ALTER TABLE "crm"."lead_forms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."rate_limits" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_org_id_key_window_start_pk" PRIMARY KEY("org_id","key","window_start")
);
--> statement-breakpoint
ALTER TABLE "crm"."rate_limits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."leads" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "crm"."leads" ALTER COLUMN "status" SET DEFAULT 'new'::text;--> statement-breakpoint
-- Hand-written: the old statuses in the new terms (contacted is being worked, unqualified is disqualified).
UPDATE "crm"."leads" SET "status" = CASE "status" WHEN 'contacted' THEN 'working' WHEN 'unqualified' THEN 'disqualified' ELSE "status" END WHERE "status" IN ('contacted', 'unqualified');--> statement-breakpoint
DROP TYPE "crm"."lead_status";--> statement-breakpoint
CREATE TYPE "crm"."lead_status" AS ENUM('new', 'working', 'nurturing', 'qualified', 'disqualified', 'converted');--> statement-breakpoint
ALTER TABLE "crm"."leads" ALTER COLUMN "status" SET DEFAULT 'new'::"crm"."lead_status";--> statement-breakpoint
ALTER TABLE "crm"."leads" ALTER COLUMN "status" SET DATA TYPE "crm"."lead_status" USING "status"::"crm"."lead_status";--> statement-breakpoint
ALTER TABLE "crm"."users" ADD COLUMN "away_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "disqualified_reason" text;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "company_size" text;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "attribution" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "converted_contact_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "converted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "assignment_rule_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "assignment_reason" text;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
-- Hand-written: a disqualified lead needs a reason; those migrated from unqualified get one saying so.
UPDATE "crm"."leads" SET "disqualified_reason" = 'Unqualified (before lead statuses changed)' WHERE "status" = 'disqualified' AND "disqualified_reason" IS NULL;--> statement-breakpoint
ALTER TABLE "crm"."assignment_rules" ADD CONSTRAINT "assignment_rules_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."assignment_rules" ADD CONSTRAINT "assignment_rules_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "crm"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."assignment_rules" ADD CONSTRAINT "assignment_rules_fallback_user_fk" FOREIGN KEY ("org_id","fallback_user_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."lead_form_submissions" ADD CONSTRAINT "lead_form_submissions_org_id_form_id_lead_forms_org_id_id_fk" FOREIGN KEY ("org_id","form_id") REFERENCES "crm"."lead_forms"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."lead_form_submissions" ADD CONSTRAINT "lead_form_submissions_org_id_lead_id_leads_org_id_id_fk" FOREIGN KEY ("org_id","lead_id") REFERENCES "crm"."leads"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."lead_forms" ADD CONSTRAINT "lead_forms_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "crm"."campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."rate_limits" ADD CONSTRAINT "rate_limits_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_rules_position_idx" ON "crm"."assignment_rules" USING btree ("org_id","position","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "lead_form_submissions_lead_idx" ON "crm"."lead_form_submissions" USING btree ("org_id","lead_id");--> statement-breakpoint
CREATE INDEX "lead_forms_public_key_idx" ON "crm"."lead_forms" USING btree ("public_key");--> statement-breakpoint
CREATE INDEX "lead_forms_name_idx" ON "crm"."lead_forms" USING btree ("org_id","name","id") WHERE deleted_at is null;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_org_id_converted_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","converted_contact_id") REFERENCES "crm"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "crm"."leads" USING btree ("org_id",lower("email"));--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_disqualified_reason" CHECK (status <> 'disqualified' or disqualified_reason is not null);--> statement-breakpoint
CREATE POLICY "assignment_rules_tenant" ON "crm"."assignment_rules" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "assignment_rules_insert" ON "crm"."assignment_rules" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "assignment_rules_update" ON "crm"."assignment_rules" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "lead_form_submissions_tenant" ON "crm"."lead_form_submissions" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "lead_form_submissions_visible" ON "crm"."lead_form_submissions" AS RESTRICTIVE FOR SELECT TO "crm_app" USING ((select crm.visibility()) = 'all' or exists (select 1 from crm.leads p where p.org_id = lead_form_submissions.org_id and p.id = lead_form_submissions.lead_id));--> statement-breakpoint
CREATE POLICY "lead_form_submissions_insert" ON "crm"."lead_form_submissions" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.leads p where p.org_id = lead_form_submissions.org_id and p.id = lead_form_submissions.lead_id)));--> statement-breakpoint
CREATE POLICY "lead_form_submissions_update" ON "crm"."lead_form_submissions" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.leads p where p.org_id = lead_form_submissions.org_id and p.id = lead_form_submissions.lead_id))) WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.leads p where p.org_id = lead_form_submissions.org_id and p.id = lead_form_submissions.lead_id)));--> statement-breakpoint
CREATE POLICY "lead_forms_tenant" ON "crm"."lead_forms" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "lead_forms_insert" ON "crm"."lead_forms" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "lead_forms_update" ON "crm"."lead_forms" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "rate_limits_tenant" ON "crm"."rate_limits" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "rate_limits_insert" ON "crm"."rate_limits" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "rate_limits_update" ON "crm"."rate_limits" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));