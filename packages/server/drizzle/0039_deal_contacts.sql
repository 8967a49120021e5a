CREATE TYPE "crm"."opportunity_contact_role" AS ENUM('decision_maker', 'economic_buyer', 'influencer', 'champion', 'technical_buyer', 'user', 'other');--> statement-breakpoint
CREATE TABLE "crm"."opportunity_contacts" (
	"org_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"role" "crm"."opportunity_contact_role" NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opportunity_contacts_org_id_opportunity_id_contact_id_pk" PRIMARY KEY("org_id","opportunity_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."opportunity_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."opportunity_contacts" ADD CONSTRAINT "opportunity_contacts_org_id_opportunity_id_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","opportunity_id") REFERENCES "crm"."opportunities"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."opportunity_contacts" ADD CONSTRAINT "opportunity_contacts_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "crm"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_contacts_primary_key" ON "crm"."opportunity_contacts" USING btree ("org_id","opportunity_id") WHERE is_primary;--> statement-breakpoint
CREATE INDEX "opportunity_contacts_contact_idx" ON "crm"."opportunity_contacts" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE POLICY "opportunity_contacts_tenant" ON "crm"."opportunity_contacts" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "opportunity_contacts_visible" ON "crm"."opportunity_contacts" AS RESTRICTIVE FOR SELECT TO "crm_app" USING ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = opportunity_contacts.org_id and p.id = opportunity_contacts.opportunity_id));--> statement-breakpoint
CREATE POLICY "opportunity_contacts_insert" ON "crm"."opportunity_contacts" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = opportunity_contacts.org_id and p.id = opportunity_contacts.opportunity_id)));--> statement-breakpoint
CREATE POLICY "opportunity_contacts_update" ON "crm"."opportunity_contacts" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = opportunity_contacts.org_id and p.id = opportunity_contacts.opportunity_id))) WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = opportunity_contacts.org_id and p.id = opportunity_contacts.opportunity_id)));--> statement-breakpoint
CREATE POLICY "opportunity_contacts_delete" ON "crm"."opportunity_contacts" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = opportunity_contacts.org_id and p.id = opportunity_contacts.opportunity_id)));--> statement-breakpoint
-- A deal's contact so far is its primary contact: it becomes the deal's first contact row, in the
-- role "other" until someone names the part it plays. (Run as the migrating role, which its
-- provisioning policy lets read every organization's deals.)
INSERT INTO "crm"."opportunity_contacts" ("org_id", "opportunity_id", "contact_id", "role", "is_primary")
SELECT "org_id", "id", "contact_id", 'other', true FROM "crm"."opportunities" WHERE "contact_id" IS NOT NULL;
