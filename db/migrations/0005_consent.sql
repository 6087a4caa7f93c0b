CREATE TABLE `disclosure_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`disclosure_id` integer NOT NULL,
	`kind` text NOT NULL,
	`field` text,
	`entry_id` integer,
	`document_id` integer,
	FOREIGN KEY (`disclosure_id`) REFERENCES `disclosures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosure_items_disclosure` ON `disclosure_items` (`disclosure_id`);--> statement-breakpoint
CREATE TABLE `disclosures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`recipient_id` integer NOT NULL,
	`disclosed_on` text NOT NULL,
	`purpose` text NOT NULL,
	`categories` text NOT NULL,
	`channel` text NOT NULL,
	`basis` text NOT NULL,
	`mandate_id` integer,
	`legal_duty` text,
	`exception_arguments` text,
	`flagged` integer DEFAULT false NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` text,
	`review_note` text,
	`note` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mandate_id`) REFERENCES `mandates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosures_participant` ON `disclosures` (`participant_id`,`disclosed_on`);--> statement-breakpoint
CREATE INDEX `disclosures_recipient` ON `disclosures` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `mandates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`direction` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`purpose_note` text,
	`categories` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`given_how` text NOT NULL,
	`document_id` integer,
	`oral_note` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`withdrawn_on` text,
	`withdrawn_how` text,
	`withdrawal_note` text,
	`withdrawn_by` integer,
	`withdrawn_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mandates_participant` ON `mandates` (`participant_id`);--> statement-breakpoint
CREATE INDEX `mandates_valid_until` ON `mandates` (`valid_until`);--> statement-breakpoint
CREATE TABLE `objection_recipients` (
	`objection_id` integer NOT NULL,
	`recipient_id` integer NOT NULL,
	PRIMARY KEY(`objection_id`, `recipient_id`),
	FOREIGN KEY (`objection_id`) REFERENCES `objections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`request_id` integer,
	`circumstances` text NOT NULL,
	`received_on` text NOT NULL,
	`due_on` text NOT NULL,
	`policy_name` text NOT NULL,
	`status` text NOT NULL,
	`reasons` text,
	`decided_on` text,
	`decided_by` integer,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `objections_participant` ON `objections` (`participant_id`);--> statement-breakpoint
CREATE TABLE `recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`contact_person` text,
	`address` text,
	`phone` text,
	`email` text,
	`agreement_reference` text,
	`agreement_date` text,
	`agreement_note` text,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recipients_name` ON `recipients` (`name`);--> statement-breakpoint
CREATE TABLE `verwijsindex_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`registered_on` text NOT NULL,
	`signal_reason` text NOT NULL,
	`registered_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`objected_on` text,
	`objection_note` text,
	`objection_outcome` text,
	`ended_on` text,
	`end_reason` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verwijsindex_participant` ON `verwijsindex_registrations` (`participant_id`);