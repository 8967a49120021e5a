CREATE TABLE "crm"."forecast_adjustments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"owner_id" uuid,
	"team_id" uuid,
	"period" "crm"."forecast_period" NOT NULL,
	"starts_on" date NOT NULL,
	"category" "crm"."forecast_category" NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text NOT NULL,
	"adjusted_by" uuid,
	CONSTRAINT "forecast_adjustments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "forecast_adjustments_one_holder" CHECK (("crm"."forecast_adjustments"."owner_id" is null) <> ("crm"."forecast_adjustments"."team_id" is null)),
	CONSTRAINT "forecast_adjustments_amount" CHECK ("crm"."forecast_adjustments"."amount" >= 0),
	CONSTRAINT "forecast_adjustments_category" CHECK ("crm"."forecast_adjustments"."category" in ('commit', 'best_case', 'pipeline'))
);
--> statement-breakpoint
ALTER TABLE "crm"."forecast_adjustments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "crm"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."forecast_adjustments" ADD CONSTRAINT "forecast_adjustments_org_id_adjusted_by_users_org_id_id_fk" FOREIGN KEY ("org_id","adjusted_by") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_adjustments_owner_key" ON "crm"."forecast_adjustments" USING btree ("org_id","owner_id","period","starts_on","category") WHERE "crm"."forecast_adjustments"."deleted_at" is null and "crm"."forecast_adjustments"."owner_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_adjustments_team_key" ON "crm"."forecast_adjustments" USING btree ("org_id","team_id","period","starts_on","category") WHERE "crm"."forecast_adjustments"."deleted_at" is null and "crm"."forecast_adjustments"."team_id" is not null;--> statement-breakpoint
CREATE POLICY "forecast_adjustments_tenant" ON "crm"."forecast_adjustments" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "forecast_adjustments_visible" ON "crm"."forecast_adjustments" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "forecast_adjustments_insert" ON "crm"."forecast_adjustments" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "forecast_adjustments_update" ON "crm"."forecast_adjustments" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "forecast_adjustments_delete" ON "crm"."forecast_adjustments" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));