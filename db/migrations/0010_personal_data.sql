CREATE TABLE `participant_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_notices_participant` ON `participant_notices` (`participant_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `retention_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `personal_data_erased_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `erased_at` integer;