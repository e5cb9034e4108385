CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer,
	`recipient_id` integer NOT NULL,
	`participant_id` integer,
	`to_address` text NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`essential` integer DEFAULT false NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`smtp_message_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `mail_recipients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_outbox_dedupe` ON `mail_outbox` (`event_id`,`kind`,`dedupe_key`) WHERE event_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `mail_outbox_no_event_dedupe` ON `mail_outbox` (`kind`,`dedupe_key`) WHERE event_id is null;--> statement-breakpoint
CREATE INDEX `mail_outbox_due` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `mail_outbox_event_created` ON `mail_outbox` (`event_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `mail_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer,
	`address` text NOT NULL,
	`unsubscribe_token` text NOT NULL,
	`unsubscribed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_recipients_unsubscribe_token_unique` ON `mail_recipients` (`unsubscribe_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `mail_recipients_event_address` ON `mail_recipients` (`event_id`,`address`) WHERE event_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `mail_recipients_no_event_address` ON `mail_recipients` (`address`) WHERE event_id is null;