-- Custom migration (issue 11, R44, R45): a restored backup may still hold a legal hold that the live
-- vault lifted before it destroyed or anonymised the dossier (a removal refuses an active hold). The
-- trusted destruction ledger proves the removal, and its line carries keyed tags of the dossier's
-- holds at that moment (core/retention/identity.ts). Carrying the removal out again at open
-- (core/retention/restore.ts) must not be stopped by such a stale hold. Only while settings
-- 'reapplying:<participant id>' names the dossier — set by the restore path inside its own
-- transaction, next to 'destroying:<id>', its value the JSON list of the ids of the holds the line
-- knows, and gone when it commits — may an active hold be removed, and only one of those. A hold the
-- line does not know was placed in the restored copy since, whatever its clock said: it still stops
-- the removal. Every other delete of an active hold is refused as before.
DROP TRIGGER `retention_holds_no_delete`;
--> statement-breakpoint
CREATE TRIGGER retention_holds_no_delete BEFORE DELETE ON retention_holds
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id)
  OR (old.lifted_at IS NULL AND (old.until_date IS NULL OR old.until_date >= date('now', '+1 day'))
      AND NOT EXISTS (SELECT 1 FROM settings s, json_each(CASE WHEN json_valid(s.value) THEN s.value ELSE '[]' END) j WHERE s.key = 'reapplying:' || old.participant_id AND j.value = old.id)) BEGIN
  SELECT RAISE(ABORT, 'a legal hold cannot be removed, and an active one stops destruction');
END;
