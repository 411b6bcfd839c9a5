-- cpaudit: triggers (functions in the *_functions migration).

-- Append-only audit log: statement-level, so even an UPDATE/DELETE matching no row is refused.
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION cp_audit_log_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
--> statement-breakpoint

-- Submitted annual data is locked until returned.
CREATE TRIGGER annual_values_locked
  BEFORE INSERT OR UPDATE OR DELETE ON annual_values
  FOR EACH ROW EXECUTE FUNCTION cp_annual_values_locked();
--> statement-breakpoint

-- Version bump + audit trail on every table of the schema except the log itself and sessions
-- (sessions change on every request and hold secrets; logins/logouts are logged by the application).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.oid::regclass AS tbl
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r'
      AND c.relname NOT IN ('audit_log', 'sessions')
    ORDER BY c.relname
  LOOP
    PERFORM cp_attach_row_triggers(t.tbl);
  END LOOP;
END;
$$;
