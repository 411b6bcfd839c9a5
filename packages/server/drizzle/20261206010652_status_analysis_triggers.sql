-- cpaudit: version bump and audit trail on the status-analysis tables (editable rows, ARCHITECTURE.md "a table or column").
SELECT cp_attach_row_triggers('standards');--> statement-breakpoint
SELECT cp_attach_row_triggers('monitoring_samples');--> statement-breakpoint
SELECT cp_attach_row_triggers('compliance_facts');
