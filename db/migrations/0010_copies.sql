CREATE TABLE `copies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`format` text NOT NULL,
	`contents` text NOT NULL,
	`files` text NOT NULL,
	`passphrase_channel` text NOT NULL,
	`made_by` integer NOT NULL,
	`made_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`made_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `copies_request` ON `copies` (`request_id`);