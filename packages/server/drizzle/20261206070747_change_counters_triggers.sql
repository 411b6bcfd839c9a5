-- cpaudit: change counters (db/schema/change-counters.ts) bumped once per write statement and subject.
--
-- Statement-level AFTER triggers with transition tables: a statement writing 10 000 benefit lines of one audit bumps
-- its counter once. PostgreSQL allows transition tables only on single-event triggers, hence one trigger per event;
-- the functions branch on TG_OP (a branch names only the transition tables its event has). Subjects are bumped in
-- id order, so two statements bumping the same subjects lock them in the same order.
CREATE OR REPLACE FUNCTION cp_bump_changes(subject_kind text, ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO change_counters (subject, subject_id, changes)
  SELECT subject_kind, id, 1 FROM (SELECT DISTINCT unnest(ids) AS id) s WHERE id IS NOT NULL ORDER BY id
  ON CONFLICT (subject, subject_id) DO UPDATE SET changes = change_counters.changes + 1;
$$;
--> statement-breakpoint
-- Rows with an audit_id column (cp_options, audit_targets, audit_enterprises): the audits of the old and new rows.
CREATE OR REPLACE FUNCTION cp_changes_by_audit_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM cp_bump_changes('audit', ARRAY(SELECT audit_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM cp_bump_changes('audit', ARRAY(SELECT audit_id FROM old_rows));
  ELSE
    PERFORM cp_bump_changes('audit', ARRAY(SELECT audit_id FROM old_rows UNION SELECT audit_id FROM new_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Benefit lines: the audit of their option (a line deleted with its option is counted by the option's own delete).
CREATE OR REPLACE FUNCTION cp_changes_by_option_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM cp_bump_changes('audit', ARRAY(
      SELECT o.audit_id FROM cp_options o WHERE o.id IN (SELECT option_id FROM new_rows)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM cp_bump_changes('audit', ARRAY(
      SELECT o.audit_id FROM cp_options o WHERE o.id IN (SELECT option_id FROM old_rows)));
  ELSE
    PERFORM cp_bump_changes('audit', ARRAY(
      SELECT o.audit_id FROM cp_options o
      WHERE o.id IN (SELECT option_id FROM old_rows UNION SELECT option_id FROM new_rows)));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Annual data (annual_values, annual_submissions): the enterprise.
CREATE OR REPLACE FUNCTION cp_changes_by_enterprise_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM cp_bump_changes('enterprise', ARRAY(SELECT enterprise_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM cp_bump_changes('enterprise', ARRAY(SELECT enterprise_id FROM old_rows));
  ELSE
    PERFORM cp_bump_changes('enterprise', ARRAY(
      SELECT enterprise_id FROM old_rows UNION SELECT enterprise_id FROM new_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The three triggers of one table (one per event: transition tables allow no more).
CREATE OR REPLACE FUNCTION cp_attach_change_counter(tbl regclass, fn text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER cp_changes_ins AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl, fn);
  EXECUTE format('CREATE TRIGGER cp_changes_upd AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows '
    'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl, fn);
  EXECUTE format('CREATE TRIGGER cp_changes_del AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl, fn);
END;
$$;
--> statement-breakpoint
SELECT cp_attach_change_counter('cp_options', 'cp_changes_by_audit_id');--> statement-breakpoint
SELECT cp_attach_change_counter('audit_targets', 'cp_changes_by_audit_id');--> statement-breakpoint
SELECT cp_attach_change_counter('audit_enterprises', 'cp_changes_by_audit_id');--> statement-breakpoint
SELECT cp_attach_change_counter('option_benefits', 'cp_changes_by_option_id');--> statement-breakpoint
SELECT cp_attach_change_counter('annual_values', 'cp_changes_by_enterprise_id');--> statement-breakpoint
SELECT cp_attach_change_counter('annual_submissions', 'cp_changes_by_enterprise_id');
