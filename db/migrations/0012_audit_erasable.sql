ALTER TABLE `audit_log` ADD `chain_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `reason_salt` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `reason_digest` text;--> statement-breakpoint
CREATE INDEX `entries_trajectory` ON `entries` (`trajectory_id`);--> statement-breakpoint
CREATE INDEX `disclosures_mandate` ON `disclosures` (`mandate_id`);--> statement-breakpoint
CREATE INDEX `mandates_document` ON `mandates` (`document_id`);
--> statement-breakpoint
-- Destruction that leaves nothing (issue 11, R44, R07). The audit trail stays append-only (R05)
-- with one narrow exception: on a chain-format-2 line (core/audit/chain.ts) the free-text reason
-- and its salt may be set to NULL, nothing else, and only while the destruction of that line's
-- dossier is under way (settings 'destroying:<participant id>', written and removed inside the
-- destruction's own transaction, as for own statements, disclosures and shields). The line
-- keeps reason_digest, which its hash covers, so the chain still verifies.
DROP TRIGGER audit_log_no_update;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (old.chain_version = 2 AND new.chain_version = 2 AND old.reason IS NOT NULL AND new.reason IS NULL AND new.reason_salt IS NULL
  AND new.reason_digest IS old.reason_digest AND new.seq IS old.seq AND new.at IS old.at AND new.action IS old.action
  AND new.outcome IS old.outcome AND new.user_id IS old.user_id AND new.username IS old.username
  AND new.on_behalf_of IS old.on_behalf_of AND new.workstation IS old.workstation AND new.participant_id IS old.participant_id
  AND new.objects IS old.objects AND new.flagged IS old.flagged AND new.prev_hash IS old.prev_hash AND new.hash IS old.hash
  AND old.participant_id IS NOT NULL AND EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id)) BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- The search index forgets for real (issue 11). A contentless_delete table's DELETE only writes a
-- tombstone: the tokens stay readable in the index b-tree until a merge rewrites that segment
-- (checked with the page scanner of test/support/pages.ts). Instead the table is contentless
-- without contentless_delete, in FTS5's secure-delete mode, and a row leaves through the 'delete'
-- command with the values it was indexed with (read from participants_search_text BEFORE the row
-- changes): secure-delete then removes its tokens, prefixes included, from every segment at once,
-- at the cost of one row, so no merge of the whole index is needed per destruction. The same holds
-- for a corrected name or place (R28): the old one leaves the index. Refilling the new table also
-- drops every tombstoned token of earlier updates and deletes.
DROP TRIGGER participants_fts_update;
--> statement-breakpoint
DROP TRIGGER participants_fts_delete;
--> statement-breakpoint
DROP TABLE participants_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE participants_fts USING fts5(name, dossier_number, city, content='', tokenize="unicode61 remove_diacritics 2", prefix='1 2 3');
--> statement-breakpoint
INSERT INTO participants_fts(participants_fts, rank) VALUES('secure-delete', 1);
--> statement-breakpoint
CREATE TRIGGER participants_fts_forget BEFORE UPDATE OF first_name, last_name_prefix, last_name, dossier_number, city ON participants BEGIN
  INSERT INTO participants_fts(participants_fts, rowid, name, dossier_number, city) SELECT 'delete', id, name, dossier_number, city FROM participants_search_text WHERE id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER participants_fts_update AFTER UPDATE OF first_name, last_name_prefix, last_name, dossier_number, city ON participants BEGIN
  INSERT INTO participants_fts(rowid, name, dossier_number, city) SELECT id, name, dossier_number, city FROM participants_search_text WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER participants_fts_delete BEFORE DELETE ON participants BEGIN
  INSERT INTO participants_fts(participants_fts, rowid, name, dossier_number, city) SELECT 'delete', id, name, dossier_number, city FROM participants_search_text WHERE id = old.id;
END;
--> statement-breakpoint
INSERT INTO participants_fts(rowid, name, dossier_number, city) SELECT id, name, dossier_number, city FROM participants_search_text;
--> statement-breakpoint
INSERT INTO participants_fts(participants_fts) VALUES('optimize');
