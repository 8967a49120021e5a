CREATE TYPE "crm"."forecast_period" AS ENUM('month', 'quarter', 'year');--> statement-breakpoint
CREATE TABLE "crm"."quotas" (
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
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "quotas_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "quotas_one_holder" CHECK (("crm"."quotas"."owner_id" is null) <> ("crm"."quotas"."team_id" is null)),
	CONSTRAINT "quotas_amount" CHECK ("crm"."quotas"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "crm"."quotas" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."quotas" ADD CONSTRAINT "quotas_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."quotas" ADD CONSTRAINT "quotas_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "crm"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."quotas" ADD CONSTRAINT "quotas_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "crm"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quotas_owner_period_key" ON "crm"."quotas" USING btree ("org_id","owner_id","period","starts_on") WHERE "crm"."quotas"."deleted_at" is null and "crm"."quotas"."owner_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "quotas_team_period_key" ON "crm"."quotas" USING btree ("org_id","team_id","period","starts_on") WHERE "crm"."quotas"."deleted_at" is null and "crm"."quotas"."team_id" is not null;--> statement-breakpoint
CREATE POLICY "quotas_tenant" ON "crm"."quotas" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "quotas_visible" ON "crm"."quotas" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "quotas_insert" ON "crm"."quotas" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "quotas_update" ON "crm"."quotas" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "quotas_delete" ON "crm"."quotas" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));