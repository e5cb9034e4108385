CREATE TABLE `forbidden_pairs` (
	`event_id` integer NOT NULL,
	`first_timer_id` integer NOT NULL,
	`volunteer_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`first_timer_id`, `volunteer_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`first_timer_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volunteer_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `match_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`trigger` text NOT NULL,
	`organizer_id` integer,
	`proposal` text NOT NULL,
	`matched_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organizer_id`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `match_rounds_event_created` ON `match_rounds` (`event_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`round_id` integer,
	`first_timer_id` integer NOT NULL,
	`volunteer_id` integer NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`score` real DEFAULT 0 NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`spot_id` integer,
	`meet_at` integer,
	`created_at` integer NOT NULL,
	`met_at` integer,
	`buddy_missing_at` integer,
	`different_buddy_at` integer,
	`no_show_participant_id` integer,
	`ended_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `match_rounds`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`first_timer_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volunteer_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`spot_id`) REFERENCES `meetup_spots`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`no_show_participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pairs_event_status` ON `pairs` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairs_volunteer` ON `pairs` (`volunteer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pairs_one_live_per_first_timer` ON `pairs` (`first_timer_id`) WHERE status in ('published', 'met');--> statement-breakpoint
ALTER TABLE `participants` ADD `waiting_since` integer;