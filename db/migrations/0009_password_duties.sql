ALTER TABLE `users` ADD `password_temporary` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `password_set_how` text;--> statement-breakpoint
ALTER TABLE `users` ADD `password_set_by` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `password_set_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `approval` text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `created_by` integer;