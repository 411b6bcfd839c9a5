-- cpaudit: option_benefits.audit_id, the industry audit of the line's option, kept by the database (issue 6: tables
-- 7.2/7.3 read an audit's 10 000 lines in one index range instead of one probe per option).
--
-- The lines already stored get their option's audit. This copies a derived value, it changes nothing anybody wrote:
-- the table's own triggers are off for it (cp_touch would bump every line's version, cp_audit log every line, the
-- change counters count a change), then on again, in this migration's transaction.
ALTER TABLE option_benefits DISABLE TRIGGER USER;--> statement-breakpoint
UPDATE option_benefits b SET audit_id = o.audit_id FROM cp_options o WHERE o.id = b.option_id AND o.audit_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE option_benefits ENABLE TRIGGER USER;--> statement-breakpoint
-- Every line written takes its option's audit, whatever the statement set (an insert, a line moved to another
-- option, a hand-written UPDATE of audit_id).
CREATE OR REPLACE FUNCTION cp_benefit_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.audit_id := (SELECT o.audit_id FROM cp_options o WHERE o.id = NEW.option_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cp_benefit_audit BEFORE INSERT OR UPDATE OF option_id, audit_id ON option_benefits
  FOR EACH ROW EXECUTE FUNCTION cp_benefit_audit();--> statement-breakpoint
-- An option moved to another audit (or out of one) takes its lines along.
CREATE OR REPLACE FUNCTION cp_option_audit_to_benefits() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE option_benefits SET audit_id = NEW.audit_id WHERE option_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cp_option_audit_to_benefits AFTER UPDATE OF audit_id ON cp_options
  FOR EACH ROW WHEN (OLD.audit_id IS DISTINCT FROM NEW.audit_id) EXECUTE FUNCTION cp_option_audit_to_benefits();
