CREATE TABLE "crm"."import_job_chunks" (
	"org_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "import_job_chunks_org_id_job_id_seq_pk" PRIMARY KEY("org_id","job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "crm"."import_job_chunks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."import_job_errors" (
	"org_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"error" jsonb NOT NULL,
	CONSTRAINT "import_job_errors_org_id_job_id_row_pk" PRIMARY KEY("org_id","job_id","row")
);
--> statement-breakpoint
ALTER TABLE "crm"."import_job_errors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."import_jobs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"role" text NOT NULL,
	"via" text NOT NULL,
	"resource" text NOT NULL,
	"source" text,
	"dry_run" boolean DEFAULT false NOT NULL,
	"file_name" text,
	"file_bytes" bigint NOT NULL,
	"headers" jsonb NOT NULL,
	"columns" jsonb NOT NULL,
	"rows_total" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"matched" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"rows_per_second" real DEFAULT 0 NOT NULL,
	"problem" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "crm"."import_jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."import_mappings" (
	"org_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"headers_key" text NOT NULL,
	"columns" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_org_id_resource_headers_key_pk" PRIMARY KEY("org_id","resource","headers_key")
);
--> statement-breakpoint
ALTER TABLE "crm"."import_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."import_job_chunks" ADD CONSTRAINT "import_job_chunks_org_id_job_id_import_jobs_org_id_id_fk" FOREIGN KEY ("org_id","job_id") REFERENCES "crm"."import_jobs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."import_job_errors" ADD CONSTRAINT "import_job_errors_org_id_job_id_import_jobs_org_id_id_fk" FOREIGN KEY ("org_id","job_id") REFERENCES "crm"."import_jobs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."import_jobs" ADD CONSTRAINT "import_jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm"."import_mappings" ADD CONSTRAINT "import_mappings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "crm"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_unfinished_idx" ON "crm"."import_jobs" USING btree ("created_at") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "import_jobs_list_idx" ON "crm"."import_jobs" USING btree ("org_id","id");--> statement-breakpoint
CREATE POLICY "import_job_chunks_tenant" ON "crm"."import_job_chunks" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "import_job_errors_tenant" ON "crm"."import_job_errors" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "import_jobs_tenant" ON "crm"."import_jobs" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "import_mappings_tenant" ON "crm"."import_mappings" AS PERMISSIVE FOR ALL TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('crm.org_id', true), '')::uuid);