-- cpaudit: database functions used by the schema (CHECK constraints) and by the triggers attached after the
-- tables exist (see the *_triggers migration). PostgreSQL 15 features only.

-- 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set (no I, O, S, V, Z); the 18th is the
-- check character: C18 = 31 - (Σ_{i=1..17} value(C_i) × W_i mod 31), with W_i = 3^(i-1) mod 31
-- (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28) and 31 read as 0.
CREATE OR REPLACE FUNCTION cp_uscc_valid(code text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
  weights constant integer[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  total integer := 0;
  expected integer;
BEGIN
  IF code !~ '^[0-9A-HJ-NPQRTUWXY]{18}$' THEN
    RETURN false;
  END IF;
  FOR i IN 1..17 LOOP
    total := total + (strpos(alphabet, substr(code, i, 1)) - 1) * weights[i];
  END LOOP;
  expected := (31 - total % 31) % 31;
  RETURN substr(alphabet, expected + 1, 1) = substr(code, 18, 1);
END;
$$;
--> statement-breakpoint

-- Optimistic concurrency: every UPDATE of an editable row bumps `version` and sets `updated_at`.
-- A service updates with `WHERE id = $1 AND version = $2`; zero rows means someone else changed it first.
CREATE OR REPLACE FUNCTION cp_touch_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Secrets never reach the audit log: each is replaced by a short fingerprint, so a change is still visible.
CREATE OR REPLACE FUNCTION cp_redact(row_json jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  secret text;
BEGIN
  IF row_json IS NULL THEN
    RETURN NULL;
  END IF;
  FOREACH secret IN ARRAY ARRAY['password_hash', 'csrf_secret'] LOOP
    IF row_json ? secret AND row_json ->> secret IS NOT NULL THEN
      row_json := row_json || jsonb_build_object(
        secret,
        'redacted:' || left(encode(sha256(convert_to(row_json ->> secret, 'UTF8')), 'hex'), 12)
      );
    END IF;
  END LOOP;
  RETURN row_json;
END;
$$;
--> statement-breakpoint

-- Audit trail of every row write, with the actor of the transaction (set_config('cpaudit.actor_user_id', …, true)).
-- An UPDATE that changes nothing but version/updated_at is not logged.
CREATE OR REPLACE FUNCTION cp_audit_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_json jsonb;
  new_json jsonb;
  row_json jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_json := to_jsonb(OLD);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_json := to_jsonb(NEW);
  END IF;
  IF TG_OP = 'UPDATE' AND (old_json - 'version' - 'updated_at') = (new_json - 'version' - 'updated_at') THEN
    RETURN NULL;
  END IF;
  row_json := coalesce(new_json, old_json);
  INSERT INTO audit_log (actor_user_id, actor_name, actor_ip, request_id, entity, entity_id, action, before, after)
  VALUES (
    nullif(current_setting('cpaudit.actor_user_id', true), '')::uuid,
    nullif(current_setting('cpaudit.actor_name', true), ''),
    nullif(current_setting('cpaudit.actor_ip', true), ''),
    nullif(current_setting('cpaudit.request_id', true), ''),
    TG_TABLE_NAME,
    coalesce(row_json ->> 'id', row_json ->> 'code', row_json ->> 'key'),
    lower(TG_OP),
    cp_redact(old_json),
    cp_redact(new_json)
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- The audit log is append-only: any UPDATE, DELETE or TRUNCATE raises, whoever runs it (owner included).
CREATE OR REPLACE FUNCTION cp_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'CPA01';
END;
$$;
--> statement-breakpoint

-- Submitted data is locked until returned: values of a submitted or accepted (enterprise, year) cannot be
-- inserted, changed or deleted. FOR SHARE waits for a concurrent status change, so the check cannot race it.
CREATE OR REPLACE FUNCTION cp_annual_values_locked() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  st text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT status INTO st FROM annual_submissions
      WHERE enterprise_id = OLD.enterprise_id AND year = OLD.year FOR SHARE;
    IF st IN ('submitted', 'accepted') THEN
      RAISE EXCEPTION 'annual data of enterprise % for % is % and locked until returned', OLD.enterprise_id, OLD.year, st
        USING ERRCODE = 'CPL01';
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT status INTO st FROM annual_submissions
      WHERE enterprise_id = NEW.enterprise_id AND year = NEW.year FOR SHARE;
    IF st IN ('submitted', 'accepted') THEN
      RAISE EXCEPTION 'annual data of enterprise % for % is % and locked until returned', NEW.enterprise_id, NEW.year, st
        USING ERRCODE = 'CPL01';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Attaches the standard row triggers to a table: cp_touch (when it has `version`) and cp_audit.
-- Every later migration that creates an editable table must call it: SELECT cp_attach_row_triggers('t');
CREATE OR REPLACE FUNCTION cp_attach_row_triggers(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'version' AND NOT attisdropped) THEN
    EXECUTE format('CREATE TRIGGER cp_touch BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION cp_touch_row()', tbl);
  END IF;
  EXECUTE format(
    'CREATE TRIGGER cp_audit AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION cp_audit_row()',
    tbl
  );
END;
$$;
