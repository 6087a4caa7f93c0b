-- The disclosure register (R14) is a record of what happened: no statement of the app may change
-- or remove a disclosure or its items; only the privacy officer's review columns are filled in
-- later. Mandates are never deleted (a withdrawal is recorded, R17). Only the destruction of the
-- whole dossier may remove or blank them (the destruction service marks the dossier in settings as
-- 'destroying:<participant id>' inside its transaction, as for own statements).
CREATE TRIGGER disclosures_no_update BEFORE UPDATE OF participant_id, recipient_id, disclosed_on, purpose, categories, channel, basis, mandate_id,
  legal_duty, exception_arguments, flagged, note, recorded_by, recorded_at ON disclosures
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id) BEGIN
  SELECT RAISE(ABORT, 'disclosures cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id) BEGIN
  SELECT RAISE(ABORT, 'disclosures cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER disclosure_items_no_update BEFORE UPDATE ON disclosure_items BEGIN
  SELECT RAISE(ABORT, 'disclosure items cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER disclosure_items_no_delete BEFORE DELETE ON disclosure_items
WHEN NOT EXISTS (SELECT 1 FROM settings s JOIN disclosures d ON s.key = 'destroying:' || d.participant_id WHERE d.id = old.disclosure_id) BEGIN
  SELECT RAISE(ABORT, 'disclosure items cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER mandates_no_delete BEFORE DELETE ON mandates
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id) BEGIN
  SELECT RAISE(ABORT, 'mandates cannot be deleted');
END;
