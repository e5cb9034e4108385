CREATE TABLE `feedback_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`met` text NOT NULL,
	`rating` integer,
	`again` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`may_contact` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_responses_participant_id_unique` ON `feedback_responses` (`participant_id`);--> statement-breakpoint
CREATE INDEX `feedback_responses_event` ON `feedback_responses` (`event_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `feedback_opened_at` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `feedback_invited_at` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `feedback_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `feedback_seen_at` integer;