-- Name search at 100,000 participants (issue 6, docs/benchmarks.md): a one-letter word such as the
-- "v" of "de v" had no prefix index, so FTS5 merged the lists of every term starting with that
-- letter on each query (up to 0.5 s). The index gets one-letter prefixes too. A contentless FTS5
-- table cannot be altered, so it is recreated and refilled from participants; the triggers of
-- 0001 name the table and keep working.
DROP TABLE participants_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE participants_fts USING fts5(name, dossier_number, birth_date, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2", prefix='1 2 3');
--> statement-breakpoint
INSERT INTO participants_fts(rowid, name, dossier_number, birth_date)
  SELECT id, first_name || ' ' || coalesce(last_name_prefix || ' ', '') || last_name, dossier_number, coalesce(birth_date, '') FROM participants;
--> statement-breakpoint
INSERT INTO participants_fts(participants_fts) VALUES('optimize');
