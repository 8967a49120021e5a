CREATE TABLE "crm"."funnel_owner_times" (
	"org_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"closed_seconds" numeric DEFAULT '0' NOT NULL,
	"open_deals" bigint DEFAULT 0 NOT NULL,
	"open_since" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "funnel_owner_times_org_id_pipeline_id_owner_id_stage_id_pk" PRIMARY KEY("org_id","pipeline_id","owner_id","stage_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_owner_times" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."funnel_owner_totals" (
	"org_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"stages" uuid[] NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "funnel_owner_totals_pk" PRIMARY KEY("org_id","pipeline_id","owner_id","stages","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_owner_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."funnel_stage_times" (
	"org_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"cohort_day" date NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"closed_seconds" numeric DEFAULT '0' NOT NULL,
	"open_deals" bigint DEFAULT 0 NOT NULL,
	"open_since" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "funnel_stage_times_org_id_pipeline_id_stage_id_cohort_day_pk" PRIMARY KEY("org_id","pipeline_id","stage_id","cohort_day")
);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_stage_times" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."funnel_totals" (
	"org_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"cohort_day" date NOT NULL,
	"stages" uuid[] NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "funnel_totals_org_id_pipeline_id_cohort_day_stages_currency_pk" PRIMARY KEY("org_id","pipeline_id","cohort_day","stages","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."stage_close_totals" (
	"org_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"close_date" date NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"amount_default" numeric DEFAULT '0' NOT NULL,
	"weighted_override" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "stage_close_totals_org_id_stage_id_close_date_currency_pk" PRIMARY KEY("org_id","stage_id","close_date","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."stage_close_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."stage_totals" (
	"org_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"amount_default" numeric DEFAULT '0' NOT NULL,
	"weighted_override" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "stage_totals_org_id_stage_id_owner_id_currency_pk" PRIMARY KEY("org_id","stage_id","owner_id","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."stage_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP INDEX "crm"."opportunities_owner_idx";--> statement-breakpoint
CREATE INDEX "opportunities_owner_board_idx" ON "crm"."opportunities" USING btree ("org_id","owner_id","stage_id","position","id");--> statement-breakpoint
CREATE POLICY "funnel_owner_times_tenant" ON "crm"."funnel_owner_times" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and crm.visible(nullif(owner_id, '00000000-0000-0000-0000-000000000000')));--> statement-breakpoint
CREATE POLICY "funnel_owner_totals_tenant" ON "crm"."funnel_owner_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and crm.visible(nullif(owner_id, '00000000-0000-0000-0000-000000000000')));--> statement-breakpoint
CREATE POLICY "funnel_stage_times_tenant" ON "crm"."funnel_stage_times" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and current_setting('crm.visibility', true) = 'all');--> statement-breakpoint
CREATE POLICY "funnel_totals_tenant" ON "crm"."funnel_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and current_setting('crm.visibility', true) = 'all');--> statement-breakpoint
CREATE POLICY "stage_close_totals_tenant" ON "crm"."stage_close_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and current_setting('crm.visibility', true) = 'all');--> statement-breakpoint
CREATE POLICY "stage_totals_tenant" ON "crm"."stage_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and crm.visible(nullif(owner_id, '00000000-0000-0000-0000-000000000000')));