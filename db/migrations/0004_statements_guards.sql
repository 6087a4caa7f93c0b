-- Own statements are the participant's words (R25): no statement of the app may change them, and
-- only the destruction of the whole dossier may remove them (the destruction service marks the
-- dossier in settings as 'destroying:<participant id>' inside its transaction).
CREATE TRIGGER own_statements_no_update BEFORE UPDATE ON own_statements BEGIN
  SELECT RAISE(ABORT, 'own_statements cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER own_statements_no_delete BEFORE DELETE ON own_statements
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id) BEGIN
  SELECT RAISE(ABORT, 'own_statements cannot be deleted');
END;
