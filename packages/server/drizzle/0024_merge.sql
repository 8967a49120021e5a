-- Merging duplicates (`POST /{customers,contacts,leads}/{id}/merge`, src/resources/merge/):
-- drizzle-kit generated the columns, keys and indexes below from the schema; the function at
-- the end is written by hand.
ALTER TABLE "crm"."contacts" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."customers" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."contacts" ADD CONSTRAINT "contacts_org_id_merged_into_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","merged_into_id") REFERENCES "crm"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."customers" ADD CONSTRAINT "customers_org_id_merged_into_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","merged_into_id") REFERENCES "crm"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."leads" ADD CONSTRAINT "leads_org_id_merged_into_id_leads_org_id_id_fk" FOREIGN KEY ("org_id","merged_into_id") REFERENCES "crm"."leads"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_merged_into_idx" ON "crm"."contacts" USING btree ("org_id","merged_into_id") WHERE merged_into_id is not null;--> statement-breakpoint
CREATE INDEX "customers_merged_into_idx" ON "crm"."customers" USING btree ("org_id","merged_into_id") WHERE merged_into_id is not null;--> statement-breakpoint
CREATE INDEX "leads_converted_customer_idx" ON "crm"."leads" USING btree ("org_id","converted_customer_id") WHERE converted_customer_id is not null;--> statement-breakpoint
CREATE INDEX "leads_converted_contact_idx" ON "crm"."leads" USING btree ("org_id","converted_contact_id") WHERE converted_contact_id is not null;--> statement-breakpoint
CREATE INDEX "leads_merged_into_idx" ON "crm"."leads" USING btree ("org_id","merged_into_id") WHERE merged_into_id is not null;--> statement-breakpoint
CREATE INDEX "opportunities_contact_idx" ON "crm"."opportunities" USING btree ("org_id","contact_id") WHERE contact_id is not null;--> statement-breakpoint
CREATE INDEX "cases_contact_idx" ON "crm"."cases" USING btree ("org_id","contact_id") WHERE contact_id is not null;--> statement-breakpoint
CREATE INDEX "lead_form_submissions_contact_idx" ON "crm"."lead_form_submissions" USING btree ("org_id","contact_id") WHERE contact_id is not null;--> statement-breakpoint
-- How many rows of the organization still name a record of `crm.<p_table>` through a foreign
-- key, whoever may see them. A merge moves the links the member may see as the member (under
-- row-level security), then asks this: links left over are another member's (e.g. a deal of
-- another rep on a rep's customer), and the merge is refused rather than leave them on a record
-- in the trash. Security definer, as it must count what the member cannot see; it answers a
-- count only. The foreign keys are read from the catalog, so a table added later is counted too.
CREATE OR REPLACE FUNCTION "crm"."links_to"(p_table text, p_id uuid)
RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  link record;
  found bigint;
  total bigint := 0;
BEGIN
  IF org IS NULL THEN
    RETURN 0;
  END IF;
  FOR link IN
    SELECT c.conrelid::regclass AS tbl, a.attname AS col
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) AND a.attname <> 'org_id'
    WHERE c.contype = 'f' AND c.confrelid = format('crm.%I', p_table)::regclass
  LOOP
    EXECUTE format('SELECT count(*) FROM %s WHERE org_id = $1 AND %I = $2', link.tbl, link.col)
      INTO found USING org, p_id;
    total := total + found;
  END LOOP;
  RETURN total;
END
$$;
