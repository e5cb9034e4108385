CREATE TABLE `kiosks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`name` text NOT NULL,
	`enrol_code_hash` text,
	`enrol_expires_at` integer,
	`key_hash` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`enrolled_at` integer,
	`last_seen_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_enrol_code_hash_unique` ON `kiosks` (`enrol_code_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_key_hash_unique` ON `kiosks` (`key_hash`);--> statement-breakpoint
CREATE INDEX `kiosks_event` ON `kiosks` (`event_id`);--> statement-breakpoint
CREATE TABLE `presence_uses` (
	`kiosk_id` integer NOT NULL,
	`window` integer NOT NULL,
	`used` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`kiosk_id`, `window`),
	FOREIGN KEY (`kiosk_id`) REFERENCES `kiosks`(`id`) ON UPDATE no action ON DELETE cascade
);
