-- cpaudit: the audit log belongs to a role nobody logs in as (issue 7, SECURITY.md "Audit log").
--
-- The append-only trigger refuses UPDATE, DELETE and TRUNCATE, but the OWNER of a table can disable its triggers,
-- alter or drop it. So the log is handed to `cpaudit_audit_log_owner` (NOLOGIN, created here if absent); the role
-- that owned it (the application's) keeps SELECT and INSERT (and the identity sequence), nothing else: it can
-- append and read, never change, remove, truncate, alter, drop or un-trigger the log.
--
-- Creating a role and giving a table away need a superuser. When the migrating role is not one (an application
-- role that runs its own migrations), nothing is changed here and the function answers why; `cpaudit migrate`
-- calls it again on every run (db/connect.ts), so the log is secured the first time a superuser runs migrate on
-- that database (ARCHITECTURE.md, Deploying). Idempotent: a secured log is left as it is. On PGlite (one
-- superuser) the same steps run and change nothing for the application.
CREATE OR REPLACE FUNCTION cp_secure_audit_log() RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  owner_role constant name := 'cpaudit_audit_log_owner';
  previous name;
  seq text;
BEGIN
  SELECT pg_get_userbyid(c.relowner) INTO previous FROM pg_class c WHERE c.oid = 'audit_log'::regclass;
  IF previous = owner_role THEN
    RETURN 'secured: audit_log is owned by ' || owner_role;
  END IF;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RETURN 'not secured: audit_log is owned by ' || previous || '; run cpaudit migrate once as a superuser';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_role) THEN
    BEGIN
      CREATE ROLE cpaudit_audit_log_owner NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created meanwhile by a migration of another database of the same server
    END;
  END IF;
  EXECUTE format('ALTER TABLE audit_log OWNER TO %I', owner_role);
  EXECUTE format('GRANT SELECT, INSERT ON audit_log TO %I', previous);
  seq := pg_get_serial_sequence('audit_log', 'seq');
  IF seq IS NOT NULL THEN
    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', seq, previous);
  END IF;
  REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
  RETURN 'secured: audit_log handed from ' || previous || ' to ' || owner_role;
END;
$$;
--> statement-breakpoint
SELECT cp_secure_audit_log();
