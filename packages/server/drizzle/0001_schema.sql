CREATE SCHEMA IF NOT EXISTS "crm";
--> statement-breakpoint
CREATE TYPE "crm"."role" AS ENUM('owner', 'admin', 'manager', 'rep', 'viewer');--> statement-breakpoint
CREATE TYPE "crm"."customer_kind" AS ENUM('company', 'person');--> statement-breakpoint
CREATE TYPE "crm"."lifecycle_stage" AS ENUM('subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned');--> statement-breakpoint
CREATE TYPE "crm"."forecast_category" AS ENUM('pipeline', 'best_case', 'commit', 'closed', 'omitted');--> statement-breakpoint
CREATE TYPE "crm"."lead_status" AS ENUM('new', 'contacted', 'qualified', 'unqualified', 'converted');--> statement-breakpoint
CREATE TYPE "crm"."stage_kind" AS ENUM('open', 'won', 'lost');--> statement-breakpoint
CREATE TYPE "crm"."activity_type" AS ENUM('call', 'email', 'meeting', 'note', 'task');--> statement-breakpoint
CREATE TYPE "crm"."case_priority" AS ENUM('low', 'normal', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "crm"."case_status" AS ENUM('new', 'open', 'pending', 'resolved', 'closed');--> statement-breakpoint
CREATE TABLE "crm"."organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"base_currency" text DEFAULT 'USD' NOT NULL,
	"exchange_rates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "crm"."organizations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."teams" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"manager_id" uuid,
	"parent_id" uuid,
	CONSTRAINT "teams_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."teams" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."users" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "crm"."role" DEFAULT 'rep' NOT NULL,
	"team_id" uuid,
	"external_ref" text,
	"password_hash" text,
	"locale" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "users_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "users_org_email_key" UNIQUE("org_id","email"),
	CONSTRAINT "users_org_external_ref_key" UNIQUE("org_id","external_ref")
);
--> statement-breakpoint
ALTER TABLE "crm"."users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."contacts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"customer_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"emails" text[] DEFAULT '{}' NOT NULL,
	"phones" text[] DEFAULT '{}' NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"owner_id" uuid,
	"external_id" text,
	"search" text GENERATED ALWAYS AS (crm.search_text("name", "emails", "phones")) STORED NOT NULL,
	CONSTRAINT "contacts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "contacts_org_external_id_key" UNIQUE("org_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."customers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"kind" "crm"."customer_kind" DEFAULT 'company' NOT NULL,
	"name" text NOT NULL,
	"emails" text[] DEFAULT '{}' NOT NULL,
	"phones" text[] DEFAULT '{}' NOT NULL,
	"website" text,
	"industry" text,
	"size" text,
	"region" text,
	"address" text,
	"source" text,
	"lifecycle_stage" "crm"."lifecycle_stage" DEFAULT 'lead' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"owner_id" uuid,
	"external_id" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search" text GENERATED ALWAYS AS (crm.search_text("name", "emails", "phones")) STORED NOT NULL,
	CONSTRAINT "customers_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "customers_org_external_id_key" UNIQUE("org_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."customers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"channel" text DEFAULT 'other' NOT NULL,
	"budget_amount" bigint,
	"budget_currency" text,
	"starts_on" date,
	"ends_on" date,
	CONSTRAINT "campaigns_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."campaigns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."leads" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"company" text,
	"email" text,
	"phone" text,
	"source" text,
	"campaign_id" uuid,
	"status" "crm"."lead_status" DEFAULT 'new' NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"owner_id" uuid,
	"converted_customer_id" uuid,
	"converted_opportunity_id" uuid,
	"external_id" text,
	CONSTRAINT "leads_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "leads_org_external_id_key" UNIQUE("org_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."leads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."opportunities" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"position" double precision DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"probability" integer,
	"expected_close_date" date,
	"owner_id" uuid,
	"source" text,
	"campaign_id" uuid,
	"competitors" text[] DEFAULT '{}' NOT NULL,
	"lost_reason" text,
	"forecast_category" "crm"."forecast_category" DEFAULT 'pipeline' NOT NULL,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"external_id" text,
	CONSTRAINT "opportunities_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "opportunities_org_external_id_key" UNIQUE("org_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."pipelines" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pipelines_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."pipelines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."stage_history" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"from_stage_id" uuid,
	"to_stage_id" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	CONSTRAINT "stage_history_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."stage_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."stages" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"pipeline_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"probability" integer NOT NULL,
	"kind" "crm"."stage_kind" DEFAULT 'open' NOT NULL,
	"requires" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "stages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."stages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."activities" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"type" "crm"."activity_type" NOT NULL,
	"subject" text NOT NULL,
	"body" text,
	"direction" text,
	"duration_seconds" bigint,
	"outcome" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"customer_id" uuid,
	"contact_id" uuid,
	"lead_id" uuid,
	"opportunity_id" uuid,
	"case_id" uuid,
	"owner_id" uuid,
	CONSTRAINT "activities_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."activities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."audit_log" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "audit_log_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."cases" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"subject" text NOT NULL,
	"description" text,
	"status" "crm"."case_status" DEFAULT 'new' NOT NULL,
	"priority" "crm"."case_priority" DEFAULT 'normal' NOT NULL,
	"channel" text,
	"customer_id" uuid,
	"contact_id" uuid,
	"owner_id" uuid,
	"due_by" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "cases_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."idempotency_keys" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" bigint NOT NULL,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_org_id_key_pk" PRIMARY KEY("org_id","key")
);
--> statement-breakpoint
ALTER TABLE "crm"."idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."orders" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"customer_id" uuid NOT NULL,
	"external_id" text,
	"number" text,
	"status" text DEFAULT 'placed' NOT NULL,
	"total_amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "orders_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "orders_org_external_id_key" UNIQUE("org_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."segments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"name" text NOT NULL,
	"description" text,
	"rules" jsonb NOT NULL,
	CONSTRAINT "segments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."segments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."teams" ADD CONSTRAINT "teams_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."teams" ADD CONSTRAINT "teams_org_id_manager_id_users_org_id_id_fk" FOREIGN KEY ("org_id","manager_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."teams" ADD CONSTRAINT "teams_org_id_parent_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","parent_id") REFERENCES "crm"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."users" ADD CONSTRAINT "users_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."users" ADD CONSTRAINT "users_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "crm"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."contacts" ADD CONSTRAINT "contacts_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "crm"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."contacts" ADD CONSTRAINT "contacts_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."customers" ADD CONSTRAINT "customers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."customers" ADD CONSTRAINT "customers_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "crm"."campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_org_id_converted_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","converted_customer_id") REFERENCES "crm"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_org_id_converted_opportunity_id_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","converted_opportunity_id") REFERENCES "crm"."opportunities"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "crm"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "crm"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_org_id_pipeline_id_pipelines_org_id_id_fk" FOREIGN KEY ("org_id","pipeline_id") REFERENCES "crm"."pipelines"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_org_id_stage_id_stages_org_id_id_fk" FOREIGN KEY ("org_id","stage_id") REFERENCES "crm"."stages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD CONSTRAINT "opportunities_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "crm"."campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."stage_history" ADD CONSTRAINT "stage_history_org_id_opportunity_id_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","opportunity_id") REFERENCES "crm"."opportunities"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."stage_history" ADD CONSTRAINT "stage_history_org_id_from_stage_id_stages_org_id_id_fk" FOREIGN KEY ("org_id","from_stage_id") REFERENCES "crm"."stages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."stage_history" ADD CONSTRAINT "stage_history_org_id_to_stage_id_stages_org_id_id_fk" FOREIGN KEY ("org_id","to_stage_id") REFERENCES "crm"."stages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."stages" ADD CONSTRAINT "stages_org_id_pipeline_id_pipelines_org_id_id_fk" FOREIGN KEY ("org_id","pipeline_id") REFERENCES "crm"."pipelines"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "crm"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "crm"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_org_id_lead_id_leads_org_id_id_fk" FOREIGN KEY ("org_id","lead_id") REFERENCES "crm"."leads"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_org_id_opportunity_id_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","opportunity_id") REFERENCES "crm"."opportunities"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_org_id_case_id_cases_org_id_id_fk" FOREIGN KEY ("org_id","case_id") REFERENCES "crm"."cases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD CONSTRAINT "activities_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."cases" ADD CONSTRAINT "cases_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "crm"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."cases" ADD CONSTRAINT "cases_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "crm"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."cases" ADD CONSTRAINT "cases_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."orders" ADD CONSTRAINT "orders_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "crm"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_team_idx" ON "crm"."users" USING btree ("org_id","team_id");--> statement-breakpoint
CREATE INDEX "contacts_customer_idx" ON "crm"."contacts" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "crm"."contacts" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "crm"."contacts" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "crm"."customers" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "customers_owner_idx" ON "crm"."customers" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "crm"."customers" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "crm"."customers" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_tags_idx" ON "crm"."customers" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "crm"."customers" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "crm"."leads" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE INDEX "opportunities_board_idx" ON "crm"."opportunities" USING btree ("org_id","stage_id","position","id");--> statement-breakpoint
CREATE INDEX "opportunities_customer_idx" ON "crm"."opportunities" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_owner_idx" ON "crm"."opportunities" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE INDEX "opportunities_name_idx" ON "crm"."opportunities" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "stage_history_opportunity_idx" ON "crm"."stage_history" USING btree ("org_id","opportunity_id","changed_at");--> statement-breakpoint
CREATE INDEX "stage_history_to_stage_idx" ON "crm"."stage_history" USING btree ("org_id","to_stage_id","changed_at");--> statement-breakpoint
CREATE INDEX "stages_pipeline_idx" ON "crm"."stages" USING btree ("org_id","pipeline_id","position");--> statement-breakpoint
CREATE INDEX "activities_customer_idx" ON "crm"."activities" USING btree ("org_id","customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_opportunity_idx" ON "crm"."activities" USING btree ("org_id","opportunity_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_contact_idx" ON "crm"."activities" USING btree ("org_id","contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_lead_idx" ON "crm"."activities" USING btree ("org_id","lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_case_idx" ON "crm"."activities" USING btree ("org_id","case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "crm"."audit_log" USING btree ("org_id","entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "cases_customer_idx" ON "crm"."cases" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "crm"."orders" USING btree ("org_id","customer_id","placed_at");--> statement-breakpoint
CREATE POLICY "organizations_tenant" ON "crm"."organizations" AS PERMISSIVE FOR ALL TO "crm_app" USING (id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "teams_tenant" ON "crm"."teams" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "users_tenant" ON "crm"."users" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "contacts_tenant" ON "crm"."contacts" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "customers_tenant" ON "crm"."customers" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "campaigns_tenant" ON "crm"."campaigns" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "leads_tenant" ON "crm"."leads" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "opportunities_tenant" ON "crm"."opportunities" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "pipelines_tenant" ON "crm"."pipelines" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "stage_history_tenant" ON "crm"."stage_history" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "stages_tenant" ON "crm"."stages" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "activities_tenant" ON "crm"."activities" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "audit_log_tenant" ON "crm"."audit_log" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "cases_tenant" ON "crm"."cases" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "idempotency_keys_tenant" ON "crm"."idempotency_keys" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "orders_tenant" ON "crm"."orders" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "segments_tenant" ON "crm"."segments" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);