CREATE TABLE `own_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`request_id` integer,
	`targets` text NOT NULL,
	`text` text NOT NULL,
	`received_on` text NOT NULL,
	`channel` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `own_statements_participant` ON `own_statements` (`participant_id`);--> statement-breakpoint
CREATE TABLE `request_board_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`ground` text NOT NULL,
	`decision` text NOT NULL,
	`decided_on` text NOT NULL,
	`decided_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_board_decisions_request` ON `request_board_decisions` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`target` text NOT NULL,
	`field` text,
	`entry_id` integer,
	`proposed_value` text,
	`proposed_title` text,
	`ground` text NOT NULL,
	`accepted` integer,
	`applied_at` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_changes_request` ON `request_changes` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_consultations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`third_party` text NOT NULL,
	`targets` text NOT NULL,
	`asked_on` text NOT NULL,
	`asked_by` integer NOT NULL,
	`answer` text NOT NULL,
	`answered_on` text,
	`withhold` integer DEFAULT false NOT NULL,
	`note` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_consultations_request` ON `request_consultations` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`recipient_id` integer,
	`recipient_name` text NOT NULL,
	`disclosure_ids` text NOT NULL,
	`letter` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	`handled_at` text,
	`handled_by` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_notifications_request` ON `request_notifications` (`request_id`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`type` text NOT NULL,
	`requester_kind` text NOT NULL,
	`representative_name` text,
	`representative_relation` text,
	`channel` text NOT NULL,
	`received_on` text NOT NULL,
	`description` text NOT NULL,
	`handler_id` integer NOT NULL,
	`status` text NOT NULL,
	`due_on` text NOT NULL,
	`statutory_max_on` text NOT NULL,
	`policy_name` text NOT NULL,
	`extended_to` text,
	`extension_reason` text,
	`extension_notice_on` text,
	`identity_method` text,
	`identity_checked_against` text,
	`identity_verified_by` integer,
	`identity_verified_on` text,
	`outcome` text,
	`reasons` text,
	`exception` integer DEFAULT false NOT NULL,
	`decided_by` integer,
	`decided_on` text,
	`carried_out_by` integer,
	`carried_out_on` text,
	`carried_out_note` text,
	`closed_by` integer,
	`closed_on` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handler_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`identity_verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`carried_out_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requests_status_due` ON `requests` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `requests_participant` ON `requests` (`participant_id`);--> statement-breakpoint
CREATE TABLE `restrictions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`request_id` integer,
	`targets` text NOT NULL,
	`reason` text NOT NULL,
	`placed_by` integer NOT NULL,
	`placed_at` text NOT NULL,
	`lifted_by` integer,
	`lifted_at` text,
	`lift_reason` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `restrictions_participant` ON `restrictions` (`participant_id`);