-- cpaudit: version bump and audit trail on process_balances (editable rows, ARCHITECTURE.md "a table or column").
SELECT cp_attach_row_triggers('process_balances');
