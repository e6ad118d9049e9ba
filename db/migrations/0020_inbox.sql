CREATE TYPE "public"."telegram_message_status" AS ENUM('received', 'queued', 'sent', 'failed', 'blocked');--> statement-breakpoint
CREATE TABLE "incoming_emails" (
	"interaction_id" integer PRIMARY KEY NOT NULL,
	"mailbox" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"message_id" text,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"from_address" text,
	"html" text,
	"size" integer NOT NULL,
	"notes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailbox_states" (
	"mailbox" text PRIMARY KEY NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"checked_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "telegram_chats" (
	"bot_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"name" text,
	"username" text,
	"phone" text,
	"partner_id" integer,
	"contact_id" integer,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telegram_chats_bot_id_chat_id_pk" PRIMARY KEY("bot_id","chat_id")
);
--> statement-breakpoint
CREATE TABLE "telegram_messages" (
	"interaction_id" integer PRIMARY KEY NOT NULL,
	"bot_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"message_id" bigint,
	"status" "telegram_message_status" NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "telegram_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"bot_id" bigint NOT NULL,
	"update_id" bigint NOT NULL,
	"chat_id" bigint,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outgoing_emails" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "outgoing_emails" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incoming_emails" ADD CONSTRAINT "incoming_emails_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_chats" ADD CONSTRAINT "telegram_chats_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_chats" ADD CONSTRAINT "telegram_chats_contact_id_contact_persons_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_messages" ADD CONSTRAINT "telegram_messages_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_emails_uid_key" ON "incoming_emails" USING btree ("mailbox","uid_validity","uid");--> statement-breakpoint
CREATE INDEX "incoming_emails_message_id_idx" ON "incoming_emails" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "telegram_chats_partner_idx" ON "telegram_chats" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "telegram_messages_chat_idx" ON "telegram_messages" USING btree ("bot_id","chat_id","interaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "telegram_updates_key" ON "telegram_updates" USING btree ("bot_id","update_id");--> statement-breakpoint
CREATE INDEX "telegram_updates_unprocessed_idx" ON "telegram_updates" USING btree ("bot_id","chat_id") WHERE "telegram_updates"."processed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_emails_message_id_key" ON "outgoing_emails" USING btree ("message_id") WHERE "outgoing_emails"."message_id" is not null;