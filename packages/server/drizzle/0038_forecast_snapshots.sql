CREATE TABLE "crm"."forecast_snapshot_lines" (
	"org_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"kind" text NOT NULL,
	"owner_id" uuid,
	"team_id" uuid,
	"category" "crm"."forecast_category" NOT NULL,
	"currency" text NOT NULL,
	"count" integer NOT NULL,
	"amount" numeric NOT NULL,
	"weighted" numeric NOT NULL,
	CONSTRAINT "forecast_snapshot_lines_org_id_snapshot_id_line_pk" PRIMARY KEY("org_id","snapshot_id","line"),
	CONSTRAINT "forecast_snapshot_lines_kind" CHECK ("crm"."forecast_snapshot_lines"."kind" in ('deals', 'adjustment'))
);
--> statement-breakpoint
ALTER TABLE "crm"."forecast_snapshot_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."forecast_snapshots" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"week" date NOT NULL,
	"period" "crm"."forecast_period" NOT NULL,
	"starts_on" date NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_snapshots_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."forecast_snapshots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."forecast_snapshot_lines" ADD CONSTRAINT "forecast_snapshot_lines_org_id_snapshot_id_forecast_snapshots_org_id_id_fk" FOREIGN KEY ("org_id","snapshot_id") REFERENCES "crm"."forecast_snapshots"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_snapshots_week_key" ON "crm"."forecast_snapshots" USING btree ("org_id","period","starts_on","week");--> statement-breakpoint
CREATE POLICY "forecast_snapshot_lines_tenant" ON "crm"."forecast_snapshot_lines" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "forecast_snapshot_lines_visible" ON "crm"."forecast_snapshot_lines" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "forecast_snapshot_lines_insert" ON "crm"."forecast_snapshot_lines" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "forecast_snapshot_lines_update" ON "crm"."forecast_snapshot_lines" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "forecast_snapshot_lines_delete" ON "crm"."forecast_snapshot_lines" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "forecast_snapshots_tenant" ON "crm"."forecast_snapshots" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);