-- The performance report reads the deals closed and the tasks done in a period (src/reports/performance.ts):
-- by their timestamps in a range, through these indexes.
CREATE INDEX "opportunities_closed_idx" ON "crm"."opportunities" USING btree ("org_id","closed_at") WHERE closed_at is not null and deleted_at is null;--> statement-breakpoint
CREATE INDEX "activities_done_idx" ON "crm"."activities" USING btree ("org_id","done_at") WHERE type = 'task' and done_at is not null and deleted_at is null;