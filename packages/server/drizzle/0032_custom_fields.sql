CREATE TABLE "crm"."custom_fields" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"resource" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"type" text NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "custom_fields_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "custom_fields_key" UNIQUE("org_id","resource","key")
);
--> statement-breakpoint
ALTER TABLE "crm"."custom_fields" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."contacts" ADD COLUMN "custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."customers" ADD COLUMN "custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD COLUMN "custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."cases" ADD COLUMN "custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."custom_fields" ADD CONSTRAINT "custom_fields_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custom_fields_position_idx" ON "crm"."custom_fields" USING btree ("org_id","position","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "custom_fields_label_idx" ON "crm"."custom_fields" USING btree ("org_id","label","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "custom_fields_created_idx" ON "crm"."custom_fields" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_custom_fields_idx" ON "crm"."contacts" USING gin ("custom_fields" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "customers_custom_fields_idx" ON "crm"."customers" USING gin ("custom_fields" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "leads_custom_fields_idx" ON "crm"."leads" USING gin ("custom_fields" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "opportunities_custom_fields_idx" ON "crm"."opportunities" USING gin ("custom_fields" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "cases_custom_fields_idx" ON "crm"."cases" USING gin ("custom_fields" jsonb_path_ops);--> statement-breakpoint
CREATE POLICY "custom_fields_tenant" ON "crm"."custom_fields" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "custom_fields_insert" ON "crm"."custom_fields" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "custom_fields_update" ON "crm"."custom_fields" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));