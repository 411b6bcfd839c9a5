CREATE TABLE "annual_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"returned_by" uuid,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_submissions_enterprise_year_unique" UNIQUE("enterprise_id","year"),
	CONSTRAINT "annual_submissions_status_valid" CHECK ("annual_submissions"."status" in ('draft', 'submitted', 'returned', 'accepted')),
	CONSTRAINT "annual_submissions_year_range" CHECK ("annual_submissions"."year" is null or "annual_submissions"."year" between 1949 and 2100),
	CONSTRAINT "annual_submissions_status_fields" CHECK (("annual_submissions"."status" <> 'submitted' or "annual_submissions"."submitted_at" is not null) and ("annual_submissions"."status" <> 'returned' or ("annual_submissions"."returned_at" is not null and "annual_submissions"."return_reason" is not null)) and ("annual_submissions"."status" <> 'accepted' or "annual_submissions"."accepted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "annual_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"item_code" text NOT NULL,
	"name" text,
	"quantity" double precision NOT NULL,
	"unit" text NOT NULL,
	"indicator_id" uuid,
	"source" text,
	"note" text,
	"entered_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_values_enterprise_year_item_unique" UNIQUE("enterprise_id","year","item_code"),
	CONSTRAINT "annual_values_category_valid" CHECK ("annual_values"."category" in ('economy', 'energy', 'water', 'material', 'product', 'pollutant_generated', 'pollutant_emitted', 'ghg', 'indicator', 'other')),
	CONSTRAINT "annual_values_source_valid" CHECK ("annual_values"."source" in ('metered', 'statistics', 'monitoring', 'calculated', 'estimated', 'document')),
	CONSTRAINT "annual_values_item_code_format" CHECK ("annual_values"."item_code" ~ '^[a-z0-9_]+(\.[a-z0-9_]+)+$'),
	CONSTRAINT "annual_values_item_in_category" CHECK (split_part("annual_values"."item_code", '.', 1) = "annual_values"."category"),
	CONSTRAINT "annual_values_quantity_finite" CHECK ("annual_values"."quantity" not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)),
	CONSTRAINT "annual_values_unit_nonempty" CHECK (length("annual_values"."unit") > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"actor_ip" text,
	"request_id" text,
	"entity" text NOT NULL,
	"entity_id" text,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"note" text,
	CONSTRAINT "audit_log_seq_unique" UNIQUE("seq"),
	CONSTRAINT "audit_log_action_format" CHECK ("audit_log"."action" ~ '^[a-z][a-z0-9_.]*$')
);
--> statement-breakpoint
CREATE TABLE "audit_analysis_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"section" text NOT NULL,
	"content" text,
	"figures" jsonb,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_analysis_sections_section_valid" CHECK ("audit_analysis_sections"."section" in ('industry_overview', 'survey_methods', 'industry_status', 'policy_compliance', 'cp_level', 'standards_comparison', 'resource_efficiency', 'pollutant_intensity', 'ghg', 'gap_to_advanced', 'problem_distribution', 'potential', 'feasibility', 'implementation', 'performance'))
);
--> statement-breakpoint
CREATE TABLE "audit_enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"selection_score" double precision,
	"selection_breakdown" jsonb,
	"selection_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"selection_note" text,
	"data_status" text DEFAULT 'not_requested' NOT NULL,
	"data_years" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"data_requested_on" date,
	"data_due_on" date,
	"data_submitted_on" date,
	"consulting_firm_id" uuid,
	"individual_diagnosis_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"status_evaluation_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_enterprises_audit_enterprise_unique" UNIQUE("audit_id","enterprise_id"),
	CONSTRAINT "audit_enterprises_status_valid" CHECK ("audit_enterprises"."status" in ('candidate', 'selected', 'excluded')),
	CONSTRAINT "audit_enterprises_data_status_valid" CHECK ("audit_enterprises"."data_status" in ('not_requested', 'requested', 'in_progress', 'submitted', 'returned', 'accepted')),
	CONSTRAINT "audit_enterprises_reasons_valid" CHECK ("audit_enterprises"."selection_reasons" <@ array['environmental_impact', 'key_governance', 'feasibility', 'representativeness']::text[]),
	CONSTRAINT "audit_enterprises_individual_reasons_valid" CHECK ("audit_enterprises"."individual_diagnosis_reasons" <@ array['non_mainstream_process', 'special_product', 'administrative_penalty', 'complaints']::text[])
);
--> statement-breakpoint
CREATE TABLE "audit_focuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"orientation" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"score" double precision,
	"scoring" jsonb,
	"selected" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_focuses_orientation_valid" CHECK ("audit_focuses"."orientation" in ('pollutant_reduction', 'ghg_reduction', 'resource_efficiency', 'industry_chain', 'management_compliance'))
);
--> statement-breakpoint
CREATE TABLE "audit_panel_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"organization" text,
	"position" text,
	"panel_role" text DEFAULT 'member' NOT NULL,
	"duties" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_panel_members_audit_user_unique" UNIQUE("audit_id","user_id"),
	CONSTRAINT "audit_panel_members_role_valid" CHECK ("audit_panel_members"."panel_role" in ('leader', 'deputy_leader', 'member', 'expert', 'secretary'))
);
--> statement-breakpoint
CREATE TABLE "audit_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"actual_start" date,
	"actual_end" date,
	"work_content" text,
	"responsible" text,
	"outputs" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_phases_audit_phase_unique" UNIQUE("audit_id","phase"),
	CONSTRAINT "audit_phases_phase_valid" CHECK ("audit_phases"."phase" in ('preparation', 'audit', 'options', 'implementation', 'evaluation')),
	CONSTRAINT "audit_phases_planned_ordered" CHECK ("audit_phases"."planned_start" is null or "audit_phases"."planned_end" is null or "audit_phases"."planned_end" >= "audit_phases"."planned_start"),
	CONSTRAINT "audit_phases_actual_ordered" CHECK ("audit_phases"."actual_start" is null or "audit_phases"."actual_end" is null or "audit_phases"."actual_end" >= "audit_phases"."actual_start")
);
--> statement-breakpoint
CREATE TABLE "audit_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"enterprise_id" uuid,
	"aspect" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"cause_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"cause" text,
	"diagnosis_methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"focus_id" uuid,
	"site_survey_id" uuid,
	"priority" integer,
	"manifestation" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_problems_scope_valid" CHECK ("audit_problems"."scope" in ('common', 'individual')),
	CONSTRAINT "audit_problems_aspect_valid" CHECK ("audit_problems"."aspect" in ('process_equipment', 'pollutant', 'ghg', 'resource_use', 'management', 'raw_materials_energy', 'production_process', 'waste', 'staff')),
	CONSTRAINT "audit_problems_cause_types_valid" CHECK ("audit_problems"."cause_types" <@ array['technical', 'management', 'policy']::text[]),
	CONSTRAINT "audit_problems_methods_valid" CHECK ("audit_problems"."diagnosis_methods" <@ array['material_balance', 'energy_balance', 'water_balance', 'standard_comparison', 'expert_judgement', 'questionnaire', 'measurement']::text[]),
	CONSTRAINT "audit_problems_scope_enterprise" CHECK (("audit_problems"."scope" = 'individual') = ("audit_problems"."enterprise_id" is not null)),
	CONSTRAINT "audit_problems_priority_positive" CHECK ("audit_problems"."priority" is null or "audit_problems"."priority" > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_target_enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"baseline_value" double precision,
	"target_value" double precision,
	"achieved_value" double precision,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_target_enterprises_unique" UNIQUE("target_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "audit_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"focus_id" uuid,
	"type" text NOT NULL,
	"indicator" text NOT NULL,
	"item_code" text,
	"measure" text NOT NULL,
	"unit" text NOT NULL,
	"baseline_value" double precision,
	"baseline_year" integer,
	"near_term_value" double precision NOT NULL,
	"near_term_due" date,
	"long_term_value" double precision,
	"long_term_due" date,
	"scope" text DEFAULT 'selected_enterprises' NOT NULL,
	"achieved_value" double precision,
	"achievement_note" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_targets_type_valid" CHECK ("audit_targets"."type" in ('pollutant_reduction', 'ghg_reduction', 'resource_efficiency', 'cp_level', 'other')),
	CONSTRAINT "audit_targets_measure_valid" CHECK ("audit_targets"."measure" in ('absolute', 'percent', 'intensity', 'count', 'share')),
	CONSTRAINT "audit_targets_scope_valid" CHECK ("audit_targets"."scope" in ('industry', 'selected_enterprises', 'listed_enterprises')),
	CONSTRAINT "audit_targets_baseline_year_range" CHECK ("audit_targets"."baseline_year" is null or "audit_targets"."baseline_year" between 1949 and 2100)
);
--> statement-breakpoint
CREATE TABLE "audit_training_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"training_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"user_id" uuid,
	"attendee_name" text,
	"organization" text,
	"headcount" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_training_attendance_headcount_positive" CHECK ("audit_training_attendance"."headcount" > 0),
	CONSTRAINT "audit_training_attendance_who" CHECK ("audit_training_attendance"."enterprise_id" is not null or "audit_training_attendance"."user_id" is not null or "audit_training_attendance"."attendee_name" is not null or "audit_training_attendance"."organization" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"location" text,
	"topics" text,
	"trainer" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_trainings_kind_valid" CHECK ("audit_trainings"."kind" in ('publicity', 'training'))
);
--> statement-breakpoint
CREATE TABLE "cp_plan_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"category" text NOT NULL,
	"task" text NOT NULL,
	"responsible_unit" text NOT NULL,
	"responsible_bureau_id" uuid,
	"responsible_enterprise_id" uuid,
	"deadline" date NOT NULL,
	"expected_result" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"progress_note" text,
	"completed_on" date,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cp_plan_tasks_category_valid" CHECK ("cp_plan_tasks"."category" in ('management_system', 'industry_promotion', 'cycle_linkage', 'other')),
	CONSTRAINT "cp_plan_tasks_status_valid" CHECK ("cp_plan_tasks"."status" in ('planned', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "cp_plan_tasks_done_has_date" CHECK ("cp_plan_tasks"."status" <> 'done' or "cp_plan_tasks"."completed_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "industry_audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"bureau_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"region_path" text GENERATED ALWAYS AS (case when "region_code" is null then null when substr("region_code", 3, 4) = '0000' then substr("region_code", 1, 2) when substr("region_code", 5, 2) = '00' then substr("region_code", 1, 2) || '/' || substr("region_code", 1, 4) else substr("region_code", 1, 2) || '/' || substr("region_code", 1, 4) || '/' || "region_code" end) STORED NOT NULL,
	"industry_codes" text[] NOT NULL,
	"industry_name" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'planning' NOT NULL,
	"scope" text,
	"purpose" text,
	"indicator_system_id" uuid,
	"low_cost_threshold_wan_yuan" numeric(18, 4),
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "industry_audits_status_valid" CHECK ("industry_audits"."status" in ('planning', 'preparation', 'audit', 'options', 'implementation', 'evaluation', 'closed', 'cancelled')),
	CONSTRAINT "industry_audits_period_max_12_months" CHECK ("industry_audits"."period_end" > "industry_audits"."period_start" and "industry_audits"."period_end" <= ("industry_audits"."period_start" + interval '12 months')::date),
	CONSTRAINT "industry_audits_industry_codes_nonempty" CHECK (cardinality("industry_audits"."industry_codes") > 0),
	CONSTRAINT "industry_audits_low_cost_threshold_nonneg" CHECK ("industry_audits"."low_cost_threshold_wan_yuan" is null or "industry_audits"."low_cost_threshold_wan_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "site_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"surveyed_on" date NOT NULL,
	"surveyors" text,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"checked" text[] DEFAULT '{}'::text[] NOT NULL,
	"checked_detail" text,
	"findings" text,
	"suggestions" text,
	"opportunities" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_surveys_reasons_valid" CHECK ("site_surveys"."reasons" <@ array['incomplete_data', 'doubtful_data', 'key_problems', 'routine']::text[]),
	CONSTRAINT "site_surveys_checked_valid" CHECK ("site_surveys"."checked" <@ array['raw_materials', 'process_equipment', 'operation', 'treatment_facilities', 'staff_interviews', 'opportunities']::text[])
);
--> statement-breakpoint
CREATE TABLE "consulting_engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consulting_firm_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"scope" text,
	"contact_person" text,
	"contact_phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consulting_engagements_unique" UNIQUE("consulting_firm_id","enterprise_id","started_on"),
	CONSTRAINT "consulting_engagements_dates_ordered" CHECK ("consulting_engagements"."started_on" is null or "consulting_engagements"."ended_on" is null or "consulting_engagements"."ended_on" >= "consulting_engagements"."started_on")
);
--> statement-breakpoint
CREATE TABLE "enterprise_equipment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"process_id" uuid,
	"name" text NOT NULL,
	"model" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"rated_power_kw" double precision,
	"efficiency_class" text,
	"commissioned_year" integer,
	"obsolete" boolean DEFAULT false NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_equipment_quantity_positive" CHECK ("enterprise_equipment"."quantity" > 0),
	CONSTRAINT "enterprise_equipment_power_nonneg" CHECK ("enterprise_equipment"."rated_power_kw" is null or "enterprise_equipment"."rated_power_kw" >= 0),
	CONSTRAINT "enterprise_equipment_year_range" CHECK ("enterprise_equipment"."commissioned_year" is null or "enterprise_equipment"."commissioned_year" between 1949 and 2100)
);
--> statement-breakpoint
CREATE TABLE "enterprise_processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" double precision,
	"capacity_unit" text,
	"is_main" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_products_capacity_nonneg" CHECK ("enterprise_products"."capacity" is null or "enterprise_products"."capacity" >= 0),
	CONSTRAINT "enterprise_products_capacity_unit" CHECK ("enterprise_products"."capacity" is null or "enterprise_products"."capacity_unit" is not null)
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"region_code" text NOT NULL,
	"region_path" text GENERATED ALWAYS AS (case when "region_code" is null then null when substr("region_code", 3, 4) = '0000' then substr("region_code", 1, 2) when substr("region_code", 5, 2) = '00' then substr("region_code", 1, 2) || '/' || substr("region_code", 1, 4) else substr("region_code", 1, 2) || '/' || substr("region_code", 1, 4) || '/' || "region_code" end) STORED NOT NULL,
	"industry_code" text NOT NULL,
	"industry_name" text,
	"industrial_park_name" text,
	"key_monitoring_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"permit_class" text,
	"permit_number" text,
	"legal_representative" text,
	"contact_person" text,
	"contact_phone" text,
	"employees" integer,
	"established_on" date,
	"longitude" double precision,
	"latitude" double precision,
	"status" text DEFAULT 'operating' NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_uscc_unique" UNIQUE("uscc"),
	CONSTRAINT "enterprises_uscc_valid" CHECK (cp_uscc_valid("enterprises"."uscc")),
	CONSTRAINT "enterprises_industry_code_format" CHECK ("enterprises"."industry_code" ~ '^[0-9]{2,4}$'),
	CONSTRAINT "enterprises_key_monitoring_types_valid" CHECK ("enterprises"."key_monitoring_types" <@ array['water', 'groundwater', 'air', 'noise', 'soil', 'environmental_risk']::text[]),
	CONSTRAINT "enterprises_permit_class_valid" CHECK ("enterprises"."permit_class" in ('key', 'simplified', 'registration')),
	CONSTRAINT "enterprises_status_valid" CHECK ("enterprises"."status" in ('operating', 'suspended', 'closed')),
	CONSTRAINT "enterprises_employees_nonneg" CHECK ("enterprises"."employees" is null or "enterprises"."employees" >= 0),
	CONSTRAINT "enterprises_coordinates_range" CHECK (("enterprises"."longitude" is null or "enterprises"."longitude" between -180 and 180) and ("enterprises"."latitude" is null or "enterprises"."latitude" between -90 and 90))
);
--> statement-breakpoint
CREATE TABLE "treatment_facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"medium" text NOT NULL,
	"name" text NOT NULL,
	"technology" text,
	"design_capacity" double precision,
	"capacity_unit" text,
	"outlet_code" text,
	"commissioned_year" integer,
	"status" text DEFAULT 'running' NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_facilities_medium_valid" CHECK ("treatment_facilities"."medium" in ('wastewater', 'waste_gas', 'general_solid_waste', 'hazardous_waste', 'noise', 'other')),
	CONSTRAINT "treatment_facilities_status_valid" CHECK ("treatment_facilities"."status" in ('running', 'idle', 'decommissioned')),
	CONSTRAINT "treatment_facilities_capacity_nonneg" CHECK ("treatment_facilities"."design_capacity" is null or "treatment_facilities"."design_capacity" >= 0),
	CONSTRAINT "treatment_facilities_capacity_unit" CHECK ("treatment_facilities"."design_capacity" is null or "treatment_facilities"."capacity_unit" is not null),
	CONSTRAINT "treatment_facilities_year_range" CHECK ("treatment_facilities"."commissioned_year" is null or "treatment_facilities"."commissioned_year" between 1949 and 2100)
);
--> statement-breakpoint
CREATE TABLE "evaluation_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"value" double precision,
	"value_text" text,
	"applicable" boolean DEFAULT true NOT NULL,
	"level_met" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_values_unique" UNIQUE("evaluation_id","indicator_id"),
	CONSTRAINT "evaluation_values_level_valid" CHECK ("evaluation_values"."level_met" in ('I', 'II', 'III', 'unrated'))
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer,
	"basis" text NOT NULL,
	"y_i" double precision,
	"y_ii" double precision,
	"y_iii" double precision,
	"legacy_p" double precision,
	"grade" text,
	"breakdown" jsonb,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evaluated_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_basis_valid" CHECK ("evaluations"."basis" in ('status', 'before', 'after', 'annual')),
	CONSTRAINT "evaluations_grade_valid" CHECK ("evaluations"."grade" in ('I', 'II', 'III', 'unrated')),
	CONSTRAINT "evaluations_year_range" CHECK ("evaluations"."year" is null or "evaluations"."year" between 1949 and 2100),
	CONSTRAINT "evaluations_indices_range" CHECK (("evaluations"."y_i" is null or "evaluations"."y_i" between 0 and 100) and ("evaluations"."y_ii" is null or "evaluations"."y_ii" between 0 and 100) and ("evaluations"."y_iii" is null or "evaluations"."y_iii" between 0 and 100) and ("evaluations"."legacy_p" is null or "evaluations"."legacy_p" between 0 and 100))
);
--> statement-breakpoint
CREATE TABLE "indicator_systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"edition" text NOT NULL,
	"name" text NOT NULL,
	"issuer" text,
	"document_no" text,
	"published_on" date,
	"effective_on" date,
	"industry_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"method" text DEFAULT 'y_gk' NOT NULL,
	"rating_rules" jsonb,
	"status" text DEFAULT 'draft' NOT NULL,
	"supersedes_id" uuid,
	"source" jsonb NOT NULL,
	"definition" jsonb,
	"imported_at" timestamp with time zone,
	"imported_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_systems_code_edition_unique" UNIQUE("code","edition"),
	CONSTRAINT "indicator_systems_method_valid" CHECK ("indicator_systems"."method" in ('y_gk', 'legacy_p')),
	CONSTRAINT "indicator_systems_status_valid" CHECK ("indicator_systems"."status" in ('draft', 'active', 'superseded', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"parent_id" uuid,
	"table_code" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"tier" integer NOT NULL,
	"weight" double precision,
	"weight_expr" text,
	"unit" text,
	"kind" text DEFAULT 'quantitative' NOT NULL,
	"direction" text,
	"restrictive" boolean DEFAULT false NOT NULL,
	"level1_value" double precision,
	"level2_value" double precision,
	"level3_value" double precision,
	"level1_text" text,
	"level2_text" text,
	"level3_text" text,
	"footnotes" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"source" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_system_table_code_unique" UNIQUE NULLS NOT DISTINCT("system_id","table_code","code"),
	CONSTRAINT "indicators_tier_valid" CHECK ("indicators"."tier" in (1, 2)),
	CONSTRAINT "indicators_tier_parent" CHECK (("indicators"."tier" = 1) = ("indicators"."parent_id" is null)),
	CONSTRAINT "indicators_weight_range" CHECK ("indicators"."weight" is null or ("indicators"."weight" >= 0 and "indicators"."weight" <= 1)),
	CONSTRAINT "indicators_kind_valid" CHECK ("indicators"."kind" in ('quantitative', 'qualitative')),
	CONSTRAINT "indicators_direction_valid" CHECK ("indicators"."direction" in ('le', 'ge')),
	CONSTRAINT "indicators_direction_when_quantitative" CHECK ("indicators"."tier" = 1 or "indicators"."kind" = 'qualitative' or "indicators"."direction" is not null)
);
--> statement-breakpoint
CREATE TABLE "mandatory_audit_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mandatory_audit_id" uuid NOT NULL,
	"indicator" text NOT NULL,
	"unit" text NOT NULL,
	"item_code" text,
	"before_value" double precision,
	"after_value" double precision,
	"near_term_target" double precision,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mandatory_audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"bureau_id" uuid,
	"consulting_firm_id" uuid,
	"consultant_contact_name" text,
	"consultant_contact_phone" text,
	"audit_method" text NOT NULL,
	"listing_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"listing_reason_other" text,
	"round" text NOT NULL,
	"last_acceptance_year" integer,
	"last_acceptance_month" integer,
	"cp_lead_name" text,
	"cp_lead_phone" text,
	"started_on" date,
	"finished_on" date,
	"training_events" integer,
	"training_attendance" integer,
	"data_year" integer NOT NULL,
	"audit_focus" text,
	"evaluation_before_id" uuid,
	"evaluation_after_id" uuid,
	"cp_level_remark" text,
	"cp_level_description" text,
	"filled_by_name" text,
	"filled_on" date,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"form_snapshot" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mandatory_audits_method_valid" CHECK ("mandatory_audits"."audit_method" in ('regular', 'simplified')),
	CONSTRAINT "mandatory_audits_listing_reasons_valid" CHECK ("mandatory_audits"."listing_reasons" <@ array['double_exceed', 'double_toxic', 'plans', 'other']::text[]),
	CONSTRAINT "mandatory_audits_other_reason_text" CHECK (not ('other' = any("mandatory_audits"."listing_reasons")) or "mandatory_audits"."listing_reason_other" is not null),
	CONSTRAINT "mandatory_audits_round_valid" CHECK ("mandatory_audits"."round" in ('first', 'second', 'third', 'beyond_third')),
	CONSTRAINT "mandatory_audits_first_round_no_previous" CHECK ("mandatory_audits"."round" <> 'first' or ("mandatory_audits"."last_acceptance_year" is null and "mandatory_audits"."last_acceptance_month" is null)),
	CONSTRAINT "mandatory_audits_last_acceptance_year_range" CHECK ("mandatory_audits"."last_acceptance_year" is null or "mandatory_audits"."last_acceptance_year" between 1949 and 2100),
	CONSTRAINT "mandatory_audits_last_acceptance_month_range" CHECK ("mandatory_audits"."last_acceptance_month" is null or "mandatory_audits"."last_acceptance_month" between 1 and 12),
	CONSTRAINT "mandatory_audits_dates_ordered" CHECK ("mandatory_audits"."started_on" is null or "mandatory_audits"."finished_on" is null or "mandatory_audits"."finished_on" >= "mandatory_audits"."started_on"),
	CONSTRAINT "mandatory_audits_training_events_nonneg" CHECK ("mandatory_audits"."training_events" is null or "mandatory_audits"."training_events" >= 0),
	CONSTRAINT "mandatory_audits_training_attendance_nonneg" CHECK ("mandatory_audits"."training_attendance" is null or "mandatory_audits"."training_attendance" >= 0),
	CONSTRAINT "mandatory_audits_data_year_range" CHECK ("mandatory_audits"."data_year" is null or "mandatory_audits"."data_year" between 1949 and 2100),
	CONSTRAINT "mandatory_audits_status_valid" CHECK ("mandatory_audits"."status" in ('in_progress', 'submitted', 'returned', 'accepted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "cp_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid,
	"mandatory_audit_id" uuid,
	"level" text NOT NULL,
	"enterprise_id" uuid,
	"parent_id" uuid,
	"code" text,
	"name" text NOT NULL,
	"summary" text,
	"key_points" text,
	"option_type" text,
	"gd_category" text,
	"performance_class" text,
	"cost_class" text,
	"is_key" boolean DEFAULT false NOT NULL,
	"industry_approach" text,
	"investment_planned_wan_yuan" numeric(18, 4),
	"investment_actual_wan_yuan" numeric(18, 4),
	"economic_benefit_expected_wan_yuan_per_year" numeric(18, 4),
	"economic_benefit_actual_wan_yuan_per_year" numeric(18, 4),
	"environmental_benefit_text" text,
	"economic_benefit_text" text,
	"responsible_unit" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rejection_reason" text,
	"screening_score" double precision,
	"screening" jsonb,
	"feasibility" jsonb,
	"payback_years" double precision,
	"npv_wan_yuan" numeric(18, 4),
	"irr" double precision,
	"npvr" double precision,
	"planned_start" date,
	"planned_finish" date,
	"implemented_on" date,
	"verified_on" date,
	"verified_by" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cp_options_level_valid" CHECK ("cp_options"."level" in ('industry', 'enterprise')),
	CONSTRAINT "cp_options_type_valid" CHECK ("cp_options"."option_type" in ('raw_material_substitution', 'process_equipment_retrofit', 'process_control', 'energy_saving', 'resource_reuse', 'end_of_pipe', 'management_staff')),
	CONSTRAINT "cp_options_gd_category_valid" CHECK ("cp_options"."gd_category" in ('raw_materials_energy', 'technology', 'equipment', 'process_control', 'product', 'waste', 'management', 'staff')),
	CONSTRAINT "cp_options_performance_class_valid" CHECK ("cp_options"."performance_class" in ('source_substitution', 'process_innovation', 'end_of_pipe', 'environmental_management')),
	CONSTRAINT "cp_options_cost_class_valid" CHECK ("cp_options"."cost_class" in ('no_low', 'mid_high')),
	CONSTRAINT "cp_options_industry_approach_valid" CHECK ("cp_options"."industry_approach" in ('technology_promotion', 'deep_treatment', 'management_uplift')),
	CONSTRAINT "cp_options_status_valid" CHECK ("cp_options"."status" in ('proposed', 'screened', 'feasible', 'rejected', 'implementing', 'implemented', 'verified')),
	CONSTRAINT "cp_options_belongs_to_an_audit" CHECK ("cp_options"."audit_id" is not null or "cp_options"."mandatory_audit_id" is not null),
	CONSTRAINT "cp_options_level_enterprise" CHECK (("cp_options"."level" = 'enterprise' and "cp_options"."enterprise_id" is not null) or ("cp_options"."level" = 'industry' and "cp_options"."enterprise_id" is null and "cp_options"."audit_id" is not null)),
	CONSTRAINT "cp_options_key_points_max_100" CHECK ("cp_options"."key_points" is null or char_length("cp_options"."key_points") <= 100),
	CONSTRAINT "cp_options_rejected_has_reason" CHECK ("cp_options"."status" <> 'rejected' or "cp_options"."rejection_reason" is not null),
	CONSTRAINT "cp_options_implemented_has_date" CHECK ("cp_options"."status" not in ('implemented', 'verified') or "cp_options"."implemented_on" is not null),
	CONSTRAINT "cp_options_verified_has_date" CHECK ("cp_options"."status" <> 'verified' or "cp_options"."verified_on" is not null),
	CONSTRAINT "cp_options_not_own_parent" CHECK ("cp_options"."parent_id" is null or "cp_options"."parent_id" <> "cp_options"."id"),
	CONSTRAINT "cp_options_investment_planned_nonneg" CHECK ("cp_options"."investment_planned_wan_yuan" is null or "cp_options"."investment_planned_wan_yuan" >= 0),
	CONSTRAINT "cp_options_investment_actual_nonneg" CHECK ("cp_options"."investment_actual_wan_yuan" is null or "cp_options"."investment_actual_wan_yuan" >= 0),
	CONSTRAINT "cp_options_planned_ordered" CHECK ("cp_options"."planned_start" is null or "cp_options"."planned_finish" is null or "cp_options"."planned_finish" >= "cp_options"."planned_start")
);
--> statement-breakpoint
CREATE TABLE "expert_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"audit_id" uuid,
	"mandatory_audit_id" uuid,
	"option_id" uuid,
	"assigned_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_assignments_unique" UNIQUE NULLS NOT DISTINCT("user_id","audit_id","mandatory_audit_id","option_id"),
	CONSTRAINT "expert_assignments_target" CHECK (num_nonnulls("expert_assignments"."audit_id", "expert_assignments"."mandatory_audit_id", "expert_assignments"."option_id") >= 1)
);
--> statement-breakpoint
CREATE TABLE "option_benefits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"option_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"item_code" text NOT NULL,
	"name" text,
	"quantity" double precision NOT NULL,
	"unit" text NOT NULL,
	"breakdown" jsonb,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "option_benefits_unique" UNIQUE("option_id","basis","item_code"),
	CONSTRAINT "option_benefits_basis_valid" CHECK ("option_benefits"."basis" in ('expected', 'actual')),
	CONSTRAINT "option_benefits_item_code_format" CHECK ("option_benefits"."item_code" ~ '^(reduction|saving|co2)\.[a-z0-9_]+(\.[a-z0-9_]+)*$'),
	CONSTRAINT "option_benefits_quantity_finite" CHECK ("option_benefits"."quantity" not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)),
	CONSTRAINT "option_benefits_unit_nonempty" CHECK (length("option_benefits"."unit") > 0)
);
--> statement-breakpoint
CREATE TABLE "option_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"option_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawal_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "option_evidence_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "option_evidence_kind_valid" CHECK ("option_evidence"."kind" in ('photo_before', 'photo_after', 'calculation', 'contract', 'invoice', 'test_report', 'operation_record', 'other')),
	CONSTRAINT "option_evidence_sha256_hex" CHECK ("option_evidence"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "option_evidence_size_nonneg" CHECK ("option_evidence"."size_bytes" >= 0),
	CONSTRAINT "option_evidence_withdrawal_reason" CHECK ("option_evidence"."withdrawn_at" is null or "option_evidence"."withdrawal_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "option_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"option_id" uuid NOT NULL,
	"problem_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "option_problems_unique" UNIQUE("option_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "option_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"option_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"verdict" text NOT NULL,
	"comment" text,
	"scores" jsonb,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "option_reviews_stage_valid" CHECK ("option_reviews"."stage" in ('screening', 'feasibility', 'verification')),
	CONSTRAINT "option_reviews_verdict_valid" CHECK ("option_reviews"."verdict" in ('approve', 'reject', 'revise'))
);
--> statement-breakpoint
CREATE TABLE "audit_reference_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid,
	"mandatory_audit_id" uuid,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"label" text,
	"data" jsonb NOT NULL,
	"source" jsonb,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"taken_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_reference_snapshots_unique" UNIQUE NULLS NOT DISTINCT("audit_id","mandatory_audit_id","kind","ref_id"),
	CONSTRAINT "audit_reference_snapshots_one_audit" CHECK (num_nonnulls("audit_reference_snapshots"."audit_id", "audit_reference_snapshots"."mandatory_audit_id") = 1),
	CONSTRAINT "audit_reference_snapshots_kind_valid" CHECK ("audit_reference_snapshots"."kind" in ('grid_factor', 'energy_coefficients', 'co2_factors', 'indicator_system', 'tax_rates', 'economic_parameters', 'emission_standard', 'other'))
);
--> statement-breakpoint
CREATE TABLE "bureaus" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"jurisdiction_path" text GENERATED ALWAYS AS (case when "jurisdiction_code" is null then null when substr("jurisdiction_code", 3, 4) = '0000' then substr("jurisdiction_code", 1, 2) when substr("jurisdiction_code", 5, 2) = '00' then substr("jurisdiction_code", 1, 2) || '/' || substr("jurisdiction_code", 1, 4) else substr("jurisdiction_code", 1, 2) || '/' || substr("jurisdiction_code", 1, 4) || '/' || "jurisdiction_code" end) STORED NOT NULL,
	"level" text GENERATED ALWAYS AS (case when "jurisdiction_code" is null then null when substr("jurisdiction_code", 3, 4) = '0000' then 'province' when substr("jurisdiction_code", 5, 2) = '00' then 'city' else 'county' end) STORED NOT NULL,
	"parent_bureau_id" uuid,
	"address" text,
	"contact_person" text,
	"contact_phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consulting_firms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text,
	"region_path" text GENERATED ALWAYS AS (case when "region_code" is null then null when substr("region_code", 3, 4) = '0000' then substr("region_code", 1, 2) when substr("region_code", 5, 2) = '00' then substr("region_code", 1, 2) || '/' || substr("region_code", 1, 4) else substr("region_code", 1, 2) || '/' || substr("region_code", 1, 4) || '/' || "region_code" end) STORED,
	"address" text,
	"contact_person" text,
	"contact_phone" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consulting_firms_uscc_unique" UNIQUE("uscc"),
	CONSTRAINT "consulting_firms_uscc_valid" CHECK (cp_uscc_valid("consulting_firms"."uscc"))
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"level" text GENERATED ALWAYS AS (case when "code" is null then null when substr("code", 3, 4) = '0000' then 'province' when substr("code", 5, 2) = '00' then 'city' else 'county' end) STORED NOT NULL,
	"path" text GENERATED ALWAYS AS (case when "code" is null then null when substr("code", 3, 4) = '0000' then substr("code", 1, 2) when substr("code", 5, 2) = '00' then substr("code", 1, 2) || '/' || substr("code", 1, 4) else substr("code", 1, 2) || '/' || substr("code", 1, 4) || '/' || "code" end) STORED NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_code_format" CHECK ("regions"."code" is null or "regions"."code" ~ '^[1-9][0-9]{5}$'),
	CONSTRAINT "regions_parent_consistent" CHECK ((substr("regions"."code", 3, 4) = '0000' and "regions"."parent_code" is null) or (substr("regions"."code", 3, 4) <> '0000' and "regions"."parent_code" is not null and substr("regions"."parent_code", 1, 2) = substr("regions"."code", 1, 2) and "regions"."parent_code" <> "regions"."code"))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"description" text,
	"updated_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settings_key_format" CHECK ("settings"."key" ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$')
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"csrf_secret" text NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_id_is_sha256_hex" CHECK ("sessions"."id" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "sessions_expiry_after_creation" CHECK ("sessions"."expires_at" > "sessions"."created_at")
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"bureau_id" uuid,
	"enterprise_id" uuid,
	"consulting_firm_id" uuid,
	"granted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_roles_unique" UNIQUE NULLS NOT DISTINCT("user_id","role","bureau_id","enterprise_id","consulting_firm_id"),
	CONSTRAINT "user_roles_role_valid" CHECK ("user_roles"."role" in ('platform_admin', 'bureau_staff', 'panel_member', 'expert', 'consultant', 'enterprise_user')),
	CONSTRAINT "user_roles_scope_matches_role" CHECK (case "user_roles"."role"
        when 'bureau_staff' then "user_roles"."bureau_id" is not null and "user_roles"."enterprise_id" is null and "user_roles"."consulting_firm_id" is null
        when 'consultant' then "user_roles"."consulting_firm_id" is not null and "user_roles"."bureau_id" is null and "user_roles"."enterprise_id" is null
        when 'enterprise_user' then "user_roles"."enterprise_id" is not null and "user_roles"."bureau_id" is null and "user_roles"."consulting_firm_id" is null
        else "user_roles"."bureau_id" is null and "user_roles"."enterprise_id" is null and "user_roles"."consulting_firm_id" is null end)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"phone" text,
	"password_hash" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_username_format" CHECK ("users"."username" = lower("users"."username") and length("users"."username") between 1 and 64),
	CONSTRAINT "users_failed_logins_nonneg" CHECK ("users"."failed_logins" >= 0)
);
--> statement-breakpoint
ALTER TABLE "annual_submissions" ADD CONSTRAINT "annual_submissions_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_submissions" ADD CONSTRAINT "annual_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_submissions" ADD CONSTRAINT "annual_submissions_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_submissions" ADD CONSTRAINT "annual_submissions_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_values" ADD CONSTRAINT "annual_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_values" ADD CONSTRAINT "annual_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_values" ADD CONSTRAINT "annual_values_submission_fk" FOREIGN KEY ("enterprise_id","year") REFERENCES "public"."annual_submissions"("enterprise_id","year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_analysis_sections" ADD CONSTRAINT "audit_analysis_sections_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_analysis_sections" ADD CONSTRAINT "audit_analysis_sections_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_enterprises" ADD CONSTRAINT "audit_enterprises_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_enterprises" ADD CONSTRAINT "audit_enterprises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_enterprises" ADD CONSTRAINT "audit_enterprises_consulting_firm_id_consulting_firms_id_fk" FOREIGN KEY ("consulting_firm_id") REFERENCES "public"."consulting_firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_enterprises" ADD CONSTRAINT "audit_enterprises_status_evaluation_id_evaluations_id_fk" FOREIGN KEY ("status_evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_focuses" ADD CONSTRAINT "audit_focuses_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_panel_members" ADD CONSTRAINT "audit_panel_members_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_panel_members" ADD CONSTRAINT "audit_panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_phases" ADD CONSTRAINT "audit_phases_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_problems" ADD CONSTRAINT "audit_problems_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_problems" ADD CONSTRAINT "audit_problems_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_problems" ADD CONSTRAINT "audit_problems_focus_id_audit_focuses_id_fk" FOREIGN KEY ("focus_id") REFERENCES "public"."audit_focuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_problems" ADD CONSTRAINT "audit_problems_site_survey_id_site_surveys_id_fk" FOREIGN KEY ("site_survey_id") REFERENCES "public"."site_surveys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_target_enterprises" ADD CONSTRAINT "audit_target_enterprises_target_id_audit_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."audit_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_target_enterprises" ADD CONSTRAINT "audit_target_enterprises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_targets" ADD CONSTRAINT "audit_targets_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_targets" ADD CONSTRAINT "audit_targets_focus_id_audit_focuses_id_fk" FOREIGN KEY ("focus_id") REFERENCES "public"."audit_focuses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_training_attendance" ADD CONSTRAINT "audit_training_attendance_training_id_audit_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."audit_trainings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_training_attendance" ADD CONSTRAINT "audit_training_attendance_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_training_attendance" ADD CONSTRAINT "audit_training_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_trainings" ADD CONSTRAINT "audit_trainings_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plan_tasks" ADD CONSTRAINT "cp_plan_tasks_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plan_tasks" ADD CONSTRAINT "cp_plan_tasks_responsible_bureau_id_bureaus_id_fk" FOREIGN KEY ("responsible_bureau_id") REFERENCES "public"."bureaus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plan_tasks" ADD CONSTRAINT "cp_plan_tasks_responsible_enterprise_id_enterprises_id_fk" FOREIGN KEY ("responsible_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_audits" ADD CONSTRAINT "industry_audits_bureau_id_bureaus_id_fk" FOREIGN KEY ("bureau_id") REFERENCES "public"."bureaus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_audits" ADD CONSTRAINT "industry_audits_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_audits" ADD CONSTRAINT "industry_audits_indicator_system_id_indicator_systems_id_fk" FOREIGN KEY ("indicator_system_id") REFERENCES "public"."indicator_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_audits" ADD CONSTRAINT "industry_audits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_surveys" ADD CONSTRAINT "site_surveys_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_surveys" ADD CONSTRAINT "site_surveys_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consulting_engagements" ADD CONSTRAINT "consulting_engagements_consulting_firm_id_consulting_firms_id_fk" FOREIGN KEY ("consulting_firm_id") REFERENCES "public"."consulting_firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consulting_engagements" ADD CONSTRAINT "consulting_engagements_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_equipment" ADD CONSTRAINT "enterprise_equipment_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_equipment" ADD CONSTRAINT "enterprise_equipment_process_id_enterprise_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."enterprise_processes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_processes" ADD CONSTRAINT "enterprise_processes_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_products" ADD CONSTRAINT "enterprise_products_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_facilities" ADD CONSTRAINT "treatment_facilities_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_values" ADD CONSTRAINT "evaluation_values_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_values" ADD CONSTRAINT "evaluation_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_system_id_indicator_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."indicator_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_systems" ADD CONSTRAINT "indicator_systems_supersedes_id_indicator_systems_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."indicator_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_systems" ADD CONSTRAINT "indicator_systems_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_system_id_indicator_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."indicator_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_parent_id_indicators_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandatory_audit_targets" ADD CONSTRAINT "mandatory_audit_targets_mandatory_audit_id_mandatory_audits_id_fk" FOREIGN KEY ("mandatory_audit_id") REFERENCES "public"."mandatory_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandatory_audits" ADD CONSTRAINT "mandatory_audits_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandatory_audits" ADD CONSTRAINT "mandatory_audits_bureau_id_bureaus_id_fk" FOREIGN KEY ("bureau_id") REFERENCES "public"."bureaus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandatory_audits" ADD CONSTRAINT "mandatory_audits_consulting_firm_id_consulting_firms_id_fk" FOREIGN KEY ("consulting_firm_id") REFERENCES "public"."consulting_firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandatory_audits" ADD CONSTRAINT "mandatory_audits_evaluation_before_id_evaluations_id_fk" FOREIGN KEY ("evaluation_before_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandatory_audits" ADD CONSTRAINT "mandatory_audits_evaluation_after_id_evaluations_id_fk" FOREIGN KEY ("evaluation_after_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandatory_audits" ADD CONSTRAINT "mandatory_audits_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_options" ADD CONSTRAINT "cp_options_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_options" ADD CONSTRAINT "cp_options_mandatory_audit_id_mandatory_audits_id_fk" FOREIGN KEY ("mandatory_audit_id") REFERENCES "public"."mandatory_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_options" ADD CONSTRAINT "cp_options_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_options" ADD CONSTRAINT "cp_options_parent_id_cp_options_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."cp_options"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_options" ADD CONSTRAINT "cp_options_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_options" ADD CONSTRAINT "cp_options_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_mandatory_audit_id_mandatory_audits_id_fk" FOREIGN KEY ("mandatory_audit_id") REFERENCES "public"."mandatory_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_option_id_cp_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."cp_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_benefits" ADD CONSTRAINT "option_benefits_option_id_cp_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."cp_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_evidence" ADD CONSTRAINT "option_evidence_option_id_cp_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."cp_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_evidence" ADD CONSTRAINT "option_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_evidence" ADD CONSTRAINT "option_evidence_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_problems" ADD CONSTRAINT "option_problems_option_id_cp_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."cp_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_problems" ADD CONSTRAINT "option_problems_problem_id_audit_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."audit_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_reviews" ADD CONSTRAINT "option_reviews_option_id_cp_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."cp_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_reviews" ADD CONSTRAINT "option_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_reference_snapshots" ADD CONSTRAINT "audit_reference_snapshots_audit_id_industry_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."industry_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_reference_snapshots" ADD CONSTRAINT "audit_reference_snapshots_mandatory_audit_id_mandatory_audits_id_fk" FOREIGN KEY ("mandatory_audit_id") REFERENCES "public"."mandatory_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_reference_snapshots" ADD CONSTRAINT "audit_reference_snapshots_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bureaus" ADD CONSTRAINT "bureaus_jurisdiction_code_regions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bureaus" ADD CONSTRAINT "bureaus_parent_bureau_id_bureaus_id_fk" FOREIGN KEY ("parent_bureau_id") REFERENCES "public"."bureaus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consulting_firms" ADD CONSTRAINT "consulting_firms_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_bureau_id_bureaus_id_fk" FOREIGN KEY ("bureau_id") REFERENCES "public"."bureaus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_consulting_firm_id_consulting_firms_id_fk" FOREIGN KEY ("consulting_firm_id") REFERENCES "public"."consulting_firms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_submissions_year_status_idx" ON "annual_submissions" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "annual_values_year_item_idx" ON "annual_values" USING btree ("year","item_code");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_analysis_sections_audit_idx" ON "audit_analysis_sections" USING btree ("audit_id","section");--> statement-breakpoint
CREATE INDEX "audit_enterprises_enterprise_idx" ON "audit_enterprises" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "audit_enterprises_audit_status_idx" ON "audit_enterprises" USING btree ("audit_id","status");--> statement-breakpoint
CREATE INDEX "audit_focuses_audit_idx" ON "audit_focuses" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audit_panel_members_user_idx" ON "audit_panel_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_problems_audit_idx" ON "audit_problems" USING btree ("audit_id","scope");--> statement-breakpoint
CREATE INDEX "audit_problems_enterprise_idx" ON "audit_problems" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "audit_target_enterprises_enterprise_idx" ON "audit_target_enterprises" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "audit_targets_audit_idx" ON "audit_targets" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audit_training_attendance_training_idx" ON "audit_training_attendance" USING btree ("training_id");--> statement-breakpoint
CREATE INDEX "audit_training_attendance_enterprise_idx" ON "audit_training_attendance" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "audit_trainings_audit_idx" ON "audit_trainings" USING btree ("audit_id","held_on");--> statement-breakpoint
CREATE INDEX "cp_plan_tasks_audit_idx" ON "cp_plan_tasks" USING btree ("audit_id","status");--> statement-breakpoint
CREATE INDEX "cp_plan_tasks_deadline_idx" ON "cp_plan_tasks" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "industry_audits_bureau_idx" ON "industry_audits" USING btree ("bureau_id");--> statement-breakpoint
CREATE INDEX "industry_audits_region_path_idx" ON "industry_audits" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "industry_audits_industry_codes_idx" ON "industry_audits" USING gin ("industry_codes");--> statement-breakpoint
CREATE INDEX "industry_audits_status_idx" ON "industry_audits" USING btree ("status");--> statement-breakpoint
CREATE INDEX "site_surveys_audit_idx" ON "site_surveys" USING btree ("audit_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "site_surveys_enterprise_idx" ON "site_surveys" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "consulting_engagements_enterprise_idx" ON "consulting_engagements" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprise_equipment_enterprise_idx" ON "enterprise_equipment" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprise_processes_enterprise_idx" ON "enterprise_processes" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprise_products_enterprise_idx" ON "enterprise_products" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprises_region_path_idx" ON "enterprises" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_industry_region_idx" ON "enterprises" USING btree ("industry_code" text_pattern_ops,"region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name");--> statement-breakpoint
CREATE INDEX "treatment_facilities_enterprise_idx" ON "treatment_facilities" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "evaluation_values_indicator_idx" ON "evaluation_values" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "evaluations_enterprise_year_idx" ON "evaluations" USING btree ("enterprise_id","year");--> statement-breakpoint
CREATE INDEX "evaluations_system_idx" ON "evaluations" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "indicator_systems_industry_codes_idx" ON "indicator_systems" USING gin ("industry_codes");--> statement-breakpoint
CREATE INDEX "indicators_system_idx" ON "indicators" USING btree ("system_id","sort_order");--> statement-breakpoint
CREATE INDEX "indicators_parent_idx" ON "indicators" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "mandatory_audit_targets_audit_idx" ON "mandatory_audit_targets" USING btree ("mandatory_audit_id");--> statement-breakpoint
CREATE INDEX "mandatory_audits_enterprise_idx" ON "mandatory_audits" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "mandatory_audits_bureau_status_idx" ON "mandatory_audits" USING btree ("bureau_id","status");--> statement-breakpoint
CREATE INDEX "mandatory_audits_consulting_firm_idx" ON "mandatory_audits" USING btree ("consulting_firm_id");--> statement-breakpoint
CREATE INDEX "cp_options_audit_status_idx" ON "cp_options" USING btree ("audit_id","status");--> statement-breakpoint
CREATE INDEX "cp_options_enterprise_status_idx" ON "cp_options" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "cp_options_mandatory_audit_idx" ON "cp_options" USING btree ("mandatory_audit_id");--> statement-breakpoint
CREATE INDEX "cp_options_parent_idx" ON "cp_options" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "expert_assignments_audit_idx" ON "expert_assignments" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "expert_assignments_option_idx" ON "expert_assignments" USING btree ("option_id");--> statement-breakpoint
CREATE INDEX "expert_assignments_mandatory_audit_idx" ON "expert_assignments" USING btree ("mandatory_audit_id");--> statement-breakpoint
CREATE INDEX "option_benefits_item_idx" ON "option_benefits" USING btree ("item_code","basis");--> statement-breakpoint
CREATE INDEX "option_evidence_option_idx" ON "option_evidence" USING btree ("option_id","kind");--> statement-breakpoint
CREATE INDEX "option_problems_problem_idx" ON "option_problems" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "option_reviews_option_idx" ON "option_reviews" USING btree ("option_id");--> statement-breakpoint
CREATE INDEX "option_reviews_reviewer_idx" ON "option_reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "audit_reference_snapshots_mandatory_idx" ON "audit_reference_snapshots" USING btree ("mandatory_audit_id");--> statement-breakpoint
CREATE INDEX "bureaus_jurisdiction_path_idx" ON "bureaus" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "bureaus_jurisdiction_code_idx" ON "bureaus" USING btree ("jurisdiction_code");--> statement-breakpoint
CREATE INDEX "bureaus_parent_idx" ON "bureaus" USING btree ("parent_bureau_id");--> statement-breakpoint
CREATE INDEX "consulting_firms_region_path_idx" ON "consulting_firms" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_path_idx" ON "regions" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "user_roles_bureau_idx" ON "user_roles" USING btree ("bureau_id");--> statement-breakpoint
CREATE INDEX "user_roles_enterprise_idx" ON "user_roles" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "user_roles_consulting_firm_idx" ON "user_roles" USING btree ("consulting_firm_id");