-- Custom migration (issue 11, R44, R45): a restored backup may still hold a legal hold that the live
-- vault lifted before it destroyed or anonymised the dossier. The trusted destruction ledger proves
-- that removal and when it happened; carrying it out again at open (core/retention/restore.ts) must
-- not be stopped by such a stale hold. Only while settings 'reapplying:<participant id>' names the
-- dossier — set by the restore path inside its own transaction, next to 'destroying:<id>', with the
-- removal's time as its value, and gone when it commits — may an active hold be removed, and only
-- one placed before that time (a removal refuses an active hold, so the live vault had lifted it).
-- A hold placed at or after it was placed in the restored copy since: it still stops the removal.
DROP TRIGGER `retention_holds_no_delete`;
--> statement-breakpoint
CREATE TRIGGER retention_holds_no_delete BEFORE DELETE ON retention_holds
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id)
  OR (old.lifted_at IS NULL AND (old.until_date IS NULL OR old.until_date >= date('now', '+1 day'))
      AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'reapplying:' || old.participant_id AND old.placed_at < value)) BEGIN
  SELECT RAISE(ABORT, 'a legal hold cannot be removed, and an active one stops destruction');
END;
