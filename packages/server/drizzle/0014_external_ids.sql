CREATE TABLE "crm"."external_ids" (
	"org_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_ids_org_id_entity_source_external_id_pk" PRIMARY KEY("org_id","entity","source","external_id"),
	CONSTRAINT "external_ids_record_key" UNIQUE("org_id","entity","record_id","source")
);
--> statement-breakpoint
ALTER TABLE "crm"."external_ids" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."external_ids" ADD CONSTRAINT "external_ids_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "external_ids_tenant" ON "crm"."external_ids" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "external_ids_insert" ON "crm"."external_ids" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "external_ids_update" ON "crm"."external_ids" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));