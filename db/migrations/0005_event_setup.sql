CREATE TABLE `organizer_invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`email` text,
	`invited_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`accepted_by` integer,
	`revoked_at` integer,
	FOREIGN KEY (`invited_by`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_by`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizer_invites_token_hash_unique` ON `organizer_invites` (`token_hash`);--> statement-breakpoint
CREATE TABLE `profile_choices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_choices_event_kind_label` ON `profile_choices` (`event_id`,`kind`,`label`);--> statement-breakpoint
ALTER TABLE `events` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `interests` ADD `retired_at` integer;--> statement-breakpoint
-- The library types, regions and languages people choose from move from events.settings into
-- profile_choices, in their order. Settings written before these lists existed fell back to the
-- defaults when read, so those events get the defaults here.
INSERT OR IGNORE INTO `profile_choices` (`event_id`, `kind`, `label`, `position`)
SELECT e.`id`, 'library_type', j.`value`, j.`key` FROM `events` e, json_each(e.`settings`, '$.libraryTypes') j
WHERE json_type(e.`settings`, '$.libraryTypes') = 'array' AND j.`type` = 'text' AND trim(j.`value`) <> '';
--> statement-breakpoint
INSERT OR IGNORE INTO `profile_choices` (`event_id`, `kind`, `label`, `position`)
SELECT e.`id`, 'library_type', d.`column2`, d.`column1` FROM `events` e,
  (VALUES (0, 'Public'), (1, 'Academic'), (2, 'School'), (3, 'Special'), (4, 'Archives & museums'), (5, 'LIS student'), (6, 'Other')) d
WHERE json_type(e.`settings`, '$.libraryTypes') IS NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO `profile_choices` (`event_id`, `kind`, `label`, `position`)
SELECT e.`id`, 'region', j.`value`, j.`key` FROM `events` e, json_each(e.`settings`, '$.regions') j
WHERE json_type(e.`settings`, '$.regions') = 'array' AND j.`type` = 'text' AND trim(j.`value`) <> '';
--> statement-breakpoint
INSERT OR IGNORE INTO `profile_choices` (`event_id`, `kind`, `label`, `position`)
SELECT e.`id`, 'language', j.`value`, j.`key` FROM `events` e, json_each(e.`settings`, '$.languages') j
WHERE json_type(e.`settings`, '$.languages') = 'array' AND j.`type` = 'text' AND trim(j.`value`) <> '';
--> statement-breakpoint
INSERT OR IGNORE INTO `profile_choices` (`event_id`, `kind`, `label`, `position`)
SELECT e.`id`, 'language', d.`column2`, d.`column1` FROM `events` e, (VALUES (0, 'English'), (1, 'Spanish')) d
WHERE json_type(e.`settings`, '$.languages') IS NULL;
--> statement-breakpoint
UPDATE `events` SET `settings` = json_remove(`settings`, '$.libraryTypes', '$.regions', '$.languages');
