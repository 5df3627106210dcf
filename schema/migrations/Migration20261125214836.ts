import { Migration } from '@mikro-orm/migrations';

export class Migration20261125214836 extends Migration {

  override async up(): Promise<void> {
    // Request numbers (REQ-<year>-<6 digits>, schema/requestReadModel.ts nextRequestNumber).
    this.addSql(`create sequence if not exists "request_number_seq" start 1;`);
    this.addSql(`create table "request" ("id" uuid not null, "number" varchar(20) not null, "legislation_area" varchar(80) not null, "question_set" varchar(80) not null, "status" varchar(40) not null, "version" int not null, "requesting_authority_id" uuid not null, "requesting_country" varchar(2) not null, "responding_authority_id" uuid not null, "responding_country" varchar(2) not null, "requester_coordinator_id" uuid null, "responder_coordinator_id" uuid null, "requester_handler_ids" jsonb not null, "responder_handler_ids" jsonb not null, "deadline" date null, "proposed_deadline" date null, "overdue" boolean not null default false, "created_at" timestamptz not null, "sent_at" timestamptz null, "accepted_at" timestamptz null, "answered_at" timestamptz null, "closed_at" timestamptz null, "split_from_request_id" uuid null, "related_request_number" varchar(20) null, "question_ids" jsonb not null, "requester_coordinator_handler_ids" jsonb not null, "responder_coordinator_handler_ids" jsonb not null, "urgent" boolean not null default false, "close_reminders_sent" int not null default 0, "measures_may_apply_at" timestamptz null, "commission_decision" varchar(30) null, "updated_at" timestamptz not null, constraint "request_pkey" primary key ("id"));`);
    this.addSql(`alter table "request" add constraint "request_number_unique" unique ("number");`);
    this.addSql(`create index "request_requesting_created_index" on "request" ("requesting_authority_id", "created_at");`);
    this.addSql(`create index "request_responding_created_index" on "request" ("responding_authority_id", "created_at");`);
    this.addSql(`create index "request_requesting_sent_index" on "request" ("requesting_authority_id", "sent_at");`);
    this.addSql(`create index "request_responding_sent_index" on "request" ("responding_authority_id", "sent_at");`);
    this.addSql(`create index "request_requester_coordinator_created_index" on "request" ("requester_coordinator_id", "created_at");`);
    this.addSql(`create index "request_responder_coordinator_created_index" on "request" ("responder_coordinator_id", "created_at");`);
    this.addSql(`create index "request_number_pattern_index" on "request" ("number" varchar_pattern_ops);`);

    this.addSql(`create table "request_case_data" ("request_id" uuid not null, "subject_kind" varchar(10) not null, "name" varchar(300) not null, "identifiers" jsonb not null, "fields" jsonb not null, "reason" text null, "updated_at" timestamptz not null, "blocked_at" timestamptz null, constraint "request_case_data_pkey" primary key ("request_id"));`);

    this.addSql(`create table "request_message" ("id" uuid not null, "request_id" uuid not null, "from_side" varchar(10) not null, "authority_id" uuid not null, "user_id" uuid null, "comment_code" varchar(80) null, "text" text null, "language" varchar(5) null, "sent_at" timestamptz not null, "blocked_at" timestamptz null, constraint "request_message_pkey" primary key ("id"));`);
    this.addSql(`create index "request_message_request_id_index" on "request_message" ("request_id");`);

    this.addSql(`create table "request_pending_action" ("id" bigserial primary key, "request_id" uuid not null, "authority_id" uuid not null, "role" varchar(20) not null, "legislation_area" varchar(80) not null, "user_id" uuid null, "action" varchar(60) not null, "status" varchar(40) not null, "overdue" boolean not null, "deadline" date null, "created_at" timestamptz not null);`);
    this.addSql(`create index "request_pending_action_request_id_index" on "request_pending_action" ("request_id");`);
    this.addSql(`create index "request_pending_action_authority_role_area_index" on "request_pending_action" ("authority_id", "role", "legislation_area", "user_id");`);

    this.addSql(`create table "request_question" ("id" uuid not null, "request_id" uuid not null, "question_set" varchar(80) not null, "question_code" varchar(160) not null, "position" int not null, "comment" text null, "comment_language" varchar(5) null, "blocked_at" timestamptz null, constraint "request_question_pkey" primary key ("id"));`);
    this.addSql(`create index "request_question_request_id_index" on "request_question" ("request_id");`);
    this.addSql(`alter table "request_question" add constraint "request_question_request_id_question_code_unique" unique ("request_id", "question_code");`);

    this.addSql(`create table "request_attachment" ("id" uuid not null, "request_id" uuid not null, "question_id" uuid null, "message_id" uuid null, "side" varchar(10) not null, "file_name" varchar(255) not null, "mime_type" varchar(120) not null, "size_bytes" int not null, "content" bytea null, "storage_path" varchar(500) null, "uploaded_by" uuid null, "uploaded_at" timestamptz not null, "blocked_at" timestamptz null, constraint "request_attachment_pkey" primary key ("id"));`);
    this.addSql(`create index "request_attachment_request_id_index" on "request_attachment" ("request_id");`);

    this.addSql(`create table "request_answer" ("id" uuid not null, "request_id" uuid not null, "question_id" uuid not null, "round" int not null default 1, "predefined_answer" varchar(200) null, "text" text null, "language" varchar(5) null, "state" varchar(10) not null, "author_id" uuid null, "updated_at" timestamptz not null, "sent_at" timestamptz null, "blocked_at" timestamptz null, constraint "request_answer_pkey" primary key ("id"));`);
    this.addSql(`create index "request_answer_request_id_index" on "request_answer" ("request_id");`);
    this.addSql(`alter table "request_answer" add constraint "request_answer_question_id_round_unique" unique ("question_id", "round");`);

    this.addSql(`alter table "request_case_data" add constraint "request_case_data_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "request_message" add constraint "request_message_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "request_pending_action" add constraint "request_pending_action_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "request_question" add constraint "request_question_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "request_attachment" add constraint "request_attachment_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "request_attachment" add constraint "request_attachment_question_id_foreign" foreign key ("question_id") references "request_question" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "request_attachment" add constraint "request_attachment_message_id_foreign" foreign key ("message_id") references "request_message" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "request_answer" add constraint "request_answer_request_id_foreign" foreign key ("request_id") references "request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "request_answer" add constraint "request_answer_question_id_foreign" foreign key ("question_id") references "request_question" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "request_case_data" drop constraint "request_case_data_request_id_foreign";`);

    this.addSql(`alter table "request_message" drop constraint "request_message_request_id_foreign";`);

    this.addSql(`alter table "request_pending_action" drop constraint "request_pending_action_request_id_foreign";`);

    this.addSql(`alter table "request_question" drop constraint "request_question_request_id_foreign";`);

    this.addSql(`alter table "request_attachment" drop constraint "request_attachment_request_id_foreign";`);

    this.addSql(`alter table "request_answer" drop constraint "request_answer_request_id_foreign";`);

    this.addSql(`alter table "request_attachment" drop constraint "request_attachment_message_id_foreign";`);

    this.addSql(`alter table "request_attachment" drop constraint "request_attachment_question_id_foreign";`);

    this.addSql(`alter table "request_answer" drop constraint "request_answer_question_id_foreign";`);

    this.addSql(`drop table if exists "request" cascade;`);

    this.addSql(`drop table if exists "request_case_data" cascade;`);

    this.addSql(`drop table if exists "request_message" cascade;`);

    this.addSql(`drop table if exists "request_pending_action" cascade;`);

    this.addSql(`drop table if exists "request_question" cascade;`);

    this.addSql(`drop table if exists "request_attachment" cascade;`);

    this.addSql(`drop table if exists "request_answer" cascade;`);

    this.addSql(`drop sequence if exists "request_number_seq";`);
  }

}
