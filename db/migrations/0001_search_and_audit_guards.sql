-- Full-text index of participants for search by name, dossier number and birth date.
-- Contentless (content='') so the index holds no second readable copy; rows are kept in step
-- by triggers.
CREATE VIRTUAL TABLE participants_fts USING fts5(name, dossier_number, birth_date, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2", prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER participants_fts_insert AFTER INSERT ON participants BEGIN
  INSERT INTO participants_fts(rowid, name, dossier_number, birth_date)
  VALUES (new.id, new.first_name || ' ' || coalesce(new.last_name_prefix || ' ', '') || new.last_name, new.dossier_number, coalesce(new.birth_date, ''));
END;
--> statement-breakpoint
CREATE TRIGGER participants_fts_update AFTER UPDATE OF first_name, last_name_prefix, last_name, dossier_number, birth_date ON participants BEGIN
  DELETE FROM participants_fts WHERE rowid = old.id;
  INSERT INTO participants_fts(rowid, name, dossier_number, birth_date)
  VALUES (new.id, new.first_name || ' ' || coalesce(new.last_name_prefix || ' ', '') || new.last_name, new.dossier_number, coalesce(new.birth_date, ''));
END;
--> statement-breakpoint
CREATE TRIGGER participants_fts_delete AFTER DELETE ON participants BEGIN
  DELETE FROM participants_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
-- The audit trail is append-only: no statement of the app can change or remove a line (R05).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
