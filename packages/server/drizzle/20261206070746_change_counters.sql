CREATE TABLE "change_counters" (
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"changes" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "change_counters_subject_subject_id_pk" PRIMARY KEY("subject","subject_id"),
	CONSTRAINT "change_counters_subject_valid" CHECK ("change_counters"."subject" in ('audit', 'enterprise')),
	CONSTRAINT "change_counters_changes_positive" CHECK ("change_counters"."changes" > 0)
);
