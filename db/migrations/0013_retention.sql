CREATE TABLE `destruction_register` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_number` text NOT NULL,
	`category` text NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`term_ends_on` text NOT NULL,
	`basis` text NOT NULL,
	`batch_id` integer,
	`proposed_by` integer NOT NULL,
	`approved_by` integer NOT NULL,
	`executed_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `retention_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `destruction_register_dossier` ON `destruction_register` (`dossier_number`);--> statement-breakpoint
CREATE TABLE `retention_batch_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`dossier_number` text NOT NULL,
	`basis` text NOT NULL,
	`term_ends_on` text NOT NULL,
	`outcome` text,
	FOREIGN KEY (`batch_id`) REFERENCES `retention_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `retention_batch_items_pair` ON `retention_batch_items` (`batch_id`,`participant_id`);--> statement-breakpoint
CREATE INDEX `retention_batch_items_participant` ON `retention_batch_items` (`participant_id`);--> statement-breakpoint
CREATE TABLE `retention_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`proposed_by` integer NOT NULL,
	`proposed_at` text NOT NULL,
	`approved_by` integer,
	`approved_at` text,
	`executable_on` text,
	`cancelled_by` integer,
	`cancelled_at` text,
	`cancel_reason` text,
	`executed_at` text,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `retention_batches_status` ON `retention_batches` (`status`);--> statement-breakpoint
CREATE TABLE `retention_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`reason` text NOT NULL,
	`until_date` text,
	`placed_by` integer NOT NULL,
	`placed_at` text NOT NULL,
	`lifted_by` integer,
	`lifted_at` text,
	`lift_reason` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `retention_holds_participant` ON `retention_holds` (`participant_id`);--> statement-breakpoint
CREATE INDEX `documents_participant_uploaded` ON `documents` (`participant_id`,`uploaded_at`);--> statement-breakpoint
-- Custom part (issue 11, R44, R45): the invariants of the services, also in the database. A batch
-- is born proposed; its proposer, reason and date never change; its status only moves forward
-- (proposed → approved → executed, or → cancelled); the approver is never the proposer (four eyes).
CREATE TRIGGER retention_batches_born_proposed BEFORE INSERT ON retention_batches
WHEN new.status <> 'proposed' OR new.approved_by IS NOT NULL OR new.cancelled_by IS NOT NULL OR new.executed_at IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a destruction batch starts as a proposal');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batches_no_edit BEFORE UPDATE OF proposed_by, proposed_at, reason ON retention_batches BEGIN
  SELECT RAISE(ABORT, 'a destruction proposal cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batches_four_eyes BEFORE UPDATE ON retention_batches
WHEN new.approved_by IS NOT NULL AND new.approved_by = new.proposed_by BEGIN
  SELECT RAISE(ABORT, 'the approver of a destruction batch cannot be its proposer');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batches_forward BEFORE UPDATE OF status ON retention_batches
WHEN old.status IN ('cancelled', 'executed')
  OR (old.status = 'proposed' AND new.status NOT IN ('proposed', 'approved', 'cancelled'))
  OR (old.status = 'approved' AND new.status NOT IN ('approved', 'cancelled', 'executed'))
  OR (new.status = 'approved' AND (new.approved_by IS NULL OR new.approved_at IS NULL OR new.executable_on IS NULL))
  OR (new.status = 'cancelled' AND (new.cancelled_by IS NULL OR new.cancelled_at IS NULL OR new.cancel_reason IS NULL))
  OR (new.status = 'executed' AND (new.approved_by IS NULL OR new.executed_at IS NULL)) BEGIN
  SELECT RAISE(ABORT, 'a destruction batch''s status only moves forward, with who and when');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batches_approval_once BEFORE UPDATE OF approved_by, approved_at, executable_on ON retention_batches
WHEN old.approved_by IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a destruction batch is approved once');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batches_no_delete BEFORE DELETE ON retention_batches BEGIN
  SELECT RAISE(ABORT, 'destruction batches cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batch_items_while_proposed BEFORE INSERT ON retention_batch_items
WHEN (SELECT status FROM retention_batches WHERE id = new.batch_id) IS NOT 'proposed' OR new.outcome IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'dossiers are added to a destruction batch only when it is proposed');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batch_items_no_edit BEFORE UPDATE ON retention_batch_items
WHEN new.batch_id <> old.batch_id OR new.participant_id <> old.participant_id OR new.dossier_number <> old.dossier_number
  OR new.basis <> old.basis OR new.term_ends_on <> old.term_ends_on OR old.outcome IS NOT NULL
  OR (SELECT status FROM retention_batches WHERE id = old.batch_id) <> 'approved' BEGIN
  SELECT RAISE(ABORT, 'a dossier of a destruction batch only gets its outcome, once, at execution');
END;
--> statement-breakpoint
CREATE TRIGGER retention_batch_items_no_delete BEFORE DELETE ON retention_batch_items BEGIN
  SELECT RAISE(ABORT, 'dossiers of a destruction batch cannot be removed');
END;
--> statement-breakpoint
-- The register holds what remains of a destroyed dossier: append-only, approved by a second person.
CREATE TRIGGER destruction_register_four_eyes BEFORE INSERT ON destruction_register
WHEN new.approved_by = new.proposed_by BEGIN
  SELECT RAISE(ABORT, 'the approver of a destruction cannot be its proposer');
END;
--> statement-breakpoint
CREATE TRIGGER destruction_register_no_update BEFORE UPDATE ON destruction_register BEGIN
  SELECT RAISE(ABORT, 'the destruction register cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER destruction_register_no_delete BEFORE DELETE ON destruction_register BEGIN
  SELECT RAISE(ABORT, 'the destruction register cannot be edited');
END;
--> statement-breakpoint
-- A hold keeps who placed it and why; it is lifted once, with who, when and why. Only the
-- destruction of the whole dossier (settings 'destroying:<participant id>', as for shields) removes
-- its holds, and never an active one: with the foreign key to participants, a dossier under an
-- active hold cannot be deleted at all. ('now' is UTC here; the service decides by the Dutch date.)
CREATE TRIGGER retention_holds_no_edit BEFORE UPDATE OF participant_id, reason, until_date, placed_by, placed_at ON retention_holds BEGIN
  SELECT RAISE(ABORT, 'a legal hold cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER retention_holds_lift_once BEFORE UPDATE OF lifted_by, lifted_at, lift_reason ON retention_holds
WHEN old.lifted_at IS NOT NULL OR new.lifted_by IS NULL OR new.lifted_at IS NULL OR new.lift_reason IS NULL BEGIN
  SELECT RAISE(ABORT, 'a legal hold is lifted once, with who, when and why');
END;
--> statement-breakpoint
-- The service decides whether a hold is active by the Dutch calendar date, which is the UTC date or
-- the day after: this guard counts a hold with an end date as ended one day later than UTC, so it is
-- never stricter than the service (which refuses an active hold first) and a destruction the service
-- allowed cannot fail on it half-way.
CREATE TRIGGER retention_holds_no_delete BEFORE DELETE ON retention_holds
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id)
  OR (old.lifted_at IS NULL AND (old.until_date IS NULL OR old.until_date >= date('now', '+1 day'))) BEGIN
  SELECT RAISE(ABORT, 'a legal hold cannot be removed, and an active one stops destruction');
END;
