ALTER TABLE `program_sessions` ADD `track` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `program_sessions` ADD `description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `program_sessions` ADD `source_id` text;--> statement-breakpoint
ALTER TABLE `program_sessions` ADD `retired_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `program_sessions_event_source` ON `program_sessions` (`event_id`,`source_id`);