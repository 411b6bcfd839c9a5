CREATE TABLE "process_balances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"process_name" text NOT NULL,
	"input" jsonb NOT NULL,
	"created_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"updated_by" uuid DEFAULT nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_balances_enterprise_year_kind_process_unique" UNIQUE("enterprise_id","year","kind","process_name"),
	CONSTRAINT "process_balances_kind_valid" CHECK ("process_balances"."kind" in ('material', 'water', 'energy')),
	CONSTRAINT "process_balances_year_range" CHECK ("process_balances"."year" is null or "process_balances"."year" between 1949 and 2100),
	CONSTRAINT "process_balances_kind_matches_input" CHECK ("process_balances"."input" ->> 'kind' = "process_balances"."kind"),
	CONSTRAINT "process_balances_process_name_nonblank" CHECK (btrim("process_balances"."process_name") <> '')
);
--> statement-breakpoint
ALTER TABLE "process_balances" ADD CONSTRAINT "process_balances_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_balances" ADD CONSTRAINT "process_balances_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_balances" ADD CONSTRAINT "process_balances_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "process_balances_enterprise_year_idx" ON "process_balances" USING btree ("enterprise_id","year");