ALTER TABLE "crm"."leads" ADD COLUMN "search" text GENERATED ALWAYS AS (crm.search_text("name" || ' ' || coalesce("company", ''), ARRAY["email"], ARRAY["phone"])) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."opportunities" ADD COLUMN "search" text GENERATED ALWAYS AS (crm.search_fold("name")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "leads_search_idx" ON "crm"."leads" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "opportunities_search_idx" ON "crm"."opportunities" USING gin ("search" gin_trgm_ops);