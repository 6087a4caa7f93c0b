CREATE INDEX `participants_sort` ON `participants` (`id`,`last_name`,`first_name`);
--> statement-breakpoint
-- Search by name, dossier number and place of residence (issue 13): the index gets the city, and
-- names are folded the same way at index and query time (core/dossiers/fold.ts), so "yilmaz" finds
-- "Yılmaz" and "lodz" finds "Łódź". unicode61 with remove_diacritics already folds case and the
-- letters that decompose (é, ë, ş, ą …); the replace() calls fold the letters that do not. The
-- expression lives once, in the view; the triggers and the refill read it. Birth dates leave the
-- index: they are searched exactly on participants_birth_date, never as a word.
DROP TRIGGER participants_fts_insert;
--> statement-breakpoint
DROP TRIGGER participants_fts_update;
--> statement-breakpoint
DROP TRIGGER participants_fts_delete;
--> statement-breakpoint
DROP TABLE participants_fts;
--> statement-breakpoint
CREATE VIEW participants_search_text AS SELECT p.id AS id,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(p.first_name || ' ' || coalesce(p.last_name_prefix || ' ', '') || p.last_name, 'ı', 'i'), 'İ', 'i'), 'ł', 'l'), 'Ł', 'l'), 'ø', 'o'), 'Ø', 'o'), 'ß', 'ss'), 'ẞ', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'đ', 'd'), 'Đ', 'd'), 'ð', 'd'), 'Ð', 'd'), 'þ', 'th'), 'Þ', 'th'), 'ħ', 'h'), 'Ħ', 'h'), 'ĳ', 'ij'), 'Ĳ', 'ij') AS name,
  p.dossier_number AS dossier_number,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(p.city, ''), 'ı', 'i'), 'İ', 'i'), 'ł', 'l'), 'Ł', 'l'), 'ø', 'o'), 'Ø', 'o'), 'ß', 'ss'), 'ẞ', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'đ', 'd'), 'Đ', 'd'), 'ð', 'd'), 'Ð', 'd'), 'þ', 'th'), 'Þ', 'th'), 'ħ', 'h'), 'Ħ', 'h'), 'ĳ', 'ij'), 'Ĳ', 'ij') AS city
  FROM participants p;
--> statement-breakpoint
CREATE VIRTUAL TABLE participants_fts USING fts5(name, dossier_number, city, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2", prefix='1 2 3');
--> statement-breakpoint
CREATE TRIGGER participants_fts_insert AFTER INSERT ON participants BEGIN
  INSERT INTO participants_fts(rowid, name, dossier_number, city) SELECT id, name, dossier_number, city FROM participants_search_text WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER participants_fts_update AFTER UPDATE OF first_name, last_name_prefix, last_name, dossier_number, city ON participants BEGIN
  DELETE FROM participants_fts WHERE rowid = old.id;
  INSERT INTO participants_fts(rowid, name, dossier_number, city) SELECT id, name, dossier_number, city FROM participants_search_text WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER participants_fts_delete AFTER DELETE ON participants BEGIN
  DELETE FROM participants_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
INSERT INTO participants_fts(rowid, name, dossier_number, city) SELECT id, name, dossier_number, city FROM participants_search_text;
--> statement-breakpoint
INSERT INTO participants_fts(participants_fts) VALUES('optimize');
