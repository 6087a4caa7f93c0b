CREATE TABLE `shield_audiences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shield_id` integer NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`recipient_id` integer,
	FOREIGN KEY (`shield_id`) REFERENCES `shields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shield_audiences_shield` ON `shield_audiences` (`shield_id`);--> statement-breakpoint
CREATE INDEX `shield_audiences_user` ON `shield_audiences` (`user_id`);--> statement-breakpoint
CREATE INDEX `shield_audiences_recipient` ON `shield_audiences` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `shields` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`target_kind` text NOT NULL,
	`target_ref` text,
	`requested_by` text NOT NULL,
	`representative_name` text,
	`reason` text NOT NULL,
	`request_id` integer,
	`status` text NOT NULL,
	`placed_by` integer NOT NULL,
	`placed_at` text NOT NULL,
	`activated_at` text,
	`lifted_by` integer,
	`lifted_at` text,
	`lift_reason` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shields_participant` ON `shields` (`participant_id`,`status`);--> statement-breakpoint
CREATE INDEX `shields_request` ON `shields` (`request_id`);--> statement-breakpoint
-- Shields are a record (R26): what was shielded from whom, on whose request, stays known after a
-- lift. No statement of the app may change what a shield covers or remove it; only its status
-- moves forward (proposed → active → lifted, or proposed → refused). Only the destruction of the
-- whole dossier may remove them (settings 'destroying:<participant id>', as for own statements).
CREATE TRIGGER shields_no_edit BEFORE UPDATE OF participant_id, target_kind, target_ref, requested_by, representative_name, reason, request_id, placed_by, placed_at ON shields
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id) BEGIN
  SELECT RAISE(ABORT, 'shields cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER shields_status_forward BEFORE UPDATE OF status ON shields
WHEN old.status IN ('lifted', 'refused') OR (old.status = 'active' AND new.status <> 'lifted') OR (old.status = 'proposed' AND new.status NOT IN ('active', 'refused', 'lifted')) BEGIN
  SELECT RAISE(ABORT, 'a shield''s status only moves forward');
END;
--> statement-breakpoint
CREATE TRIGGER shields_no_delete BEFORE DELETE ON shields
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'destroying:' || old.participant_id) BEGIN
  SELECT RAISE(ABORT, 'shields cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER shield_audiences_no_update BEFORE UPDATE ON shield_audiences BEGIN
  SELECT RAISE(ABORT, 'shield audiences cannot be edited');
END;
--> statement-breakpoint
CREATE TRIGGER shield_audiences_no_delete BEFORE DELETE ON shield_audiences
WHEN NOT EXISTS (SELECT 1 FROM settings s JOIN shields h ON s.key = 'destroying:' || h.participant_id WHERE h.id = old.shield_id) BEGIN
  SELECT RAISE(ABORT, 'shield audiences cannot be deleted');
END;
