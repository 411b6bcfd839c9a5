CREATE TABLE "compliance_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"key_region" boolean DEFAULT false NOT NULL,
	"installation" text DEFAULT 'existing' NOT NULL,
	"commissioned_on" date,
	"plating_layers" text,
	"load_quotas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"uses_toxic_materials" boolean DEFAULT false NOT NULL,
	"toxic_materials_note" text,
	"created_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"updated_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_facts_enterprise_year_unique" UNIQUE("enterprise_id","year"),
	CONSTRAINT "compliance_facts_installation_valid" CHECK ("compliance_facts"."installation" in ('existing', 'new')),
	CONSTRAINT "compliance_facts_plating_layers_valid" CHECK ("compliance_facts"."plating_layers" in ('multi', 'single')),
	CONSTRAINT "compliance_facts_year_range" CHECK ("compliance_facts"."year" is null or "compliance_facts"."year" between 1949 and 2100),
	CONSTRAINT "compliance_facts_load_quotas_array" CHECK (jsonb_typeof("compliance_facts"."load_quotas") = 'array')
);
--> statement-breakpoint
CREATE TABLE "monitoring_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"point_name" text NOT NULL,
	"point_kind" text NOT NULL,
	"pollutant" text NOT NULL,
	"concentration" double precision NOT NULL,
	"unit" text DEFAULT 'mg/L' NOT NULL,
	"sampled_on" date,
	"sample_count" integer DEFAULT 1 NOT NULL,
	"source" text,
	"created_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"updated_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_samples_point_kind_valid" CHECK ("monitoring_samples"."point_kind" in ('workshop', 'total')),
	CONSTRAINT "monitoring_samples_year_range" CHECK ("monitoring_samples"."year" is null or "monitoring_samples"."year" between 1949 and 2100),
	CONSTRAINT "monitoring_samples_concentration_nonneg" CHECK ("monitoring_samples"."concentration" is null or "monitoring_samples"."concentration" >= 0),
	CONSTRAINT "monitoring_samples_sample_count_positive" CHECK ("monitoring_samples"."sample_count" >= 1),
	CONSTRAINT "monitoring_samples_point_nonblank" CHECK (btrim("monitoring_samples"."point_name") <> ''),
	CONSTRAINT "monitoring_samples_pollutant_nonblank" CHECK (btrim("monitoring_samples"."pollutant") <> '')
);
--> statement-breakpoint
CREATE TABLE "standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"status" text DEFAULT 'active' NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"supersedes_id" uuid,
	"created_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"updated_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standards_code_revision_unique" UNIQUE("code","revision"),
	CONSTRAINT "standards_kind_valid" CHECK ("standards"."kind" in ('emission', 'energy_limit')),
	CONSTRAINT "standards_status_valid" CHECK ("standards"."status" in ('draft', 'active', 'superseded', 'withdrawn')),
	CONSTRAINT "standards_validity_ordered" CHECK ("standards"."valid_from" is null or "standards"."valid_to" is null or "standards"."valid_to" >= "standards"."valid_from"),
	CONSTRAINT "standards_kind_matches_body" CHECK ("standards"."body" ->> 'kind' = "standards"."kind"),
	CONSTRAINT "standards_code_nonblank" CHECK (btrim("standards"."code") <> ''),
	CONSTRAINT "standards_revision_positive" CHECK ("standards"."revision" >= 1)
);
--> statement-breakpoint
ALTER TABLE "cp_options" ADD COLUMN "add_avoided_tax" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_facts" ADD CONSTRAINT "compliance_facts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_facts" ADD CONSTRAINT "compliance_facts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_facts" ADD CONSTRAINT "compliance_facts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_samples" ADD CONSTRAINT "monitoring_samples_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_samples" ADD CONSTRAINT "monitoring_samples_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_samples" ADD CONSTRAINT "monitoring_samples_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standards" ADD CONSTRAINT "standards_supersedes_id_standards_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standards" ADD CONSTRAINT "standards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standards" ADD CONSTRAINT "standards_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_samples_enterprise_year_idx" ON "monitoring_samples" USING btree ("enterprise_id","year");--> statement-breakpoint
CREATE INDEX "standards_code_idx" ON "standards" USING btree ("code");