-- The organization's first day of the week (src/db/schema/organizations.ts): an ISO weekday, 1 = Monday
-- (the weeks so far) … 7 = Sunday. The forecast's weekly snapshots name and take their weeks by it, and
-- tell which week a snapshot counts in by when it was taken: hence the index on taken_at.
ALTER TABLE "crm"."organizations" ADD COLUMN "week_starts_on" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "forecast_snapshots_taken_idx" ON "crm"."forecast_snapshots" USING btree ("org_id","taken_at");--> statement-breakpoint
ALTER TABLE "crm"."organizations" ADD CONSTRAINT "organizations_week_starts_on_check" CHECK ("crm"."organizations"."week_starts_on" between 1 and 7);
