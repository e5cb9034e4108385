CREATE TABLE `buddy_requests` (
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
CREATE INDEX `buddy_requests_event_volunteer` ON `buddy_requests` (`event_id`,`volunteer_id`);--> statement-breakpoint
ALTER TABLE `participants` ADD `listed` integer DEFAULT false NOT NULL;