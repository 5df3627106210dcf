import { Migration } from '@mikro-orm/migrations';

export class Migration20261126003014 extends Migration {

  override async up(): Promise<void> {
    // Alert numbers (ALR-<year>-<6 digits>, schema/alertReadModel.ts nextAlertNumber).
    this.addSql(`create sequence if not exists "alert_number_seq" start 1;`);
    this.addSql(`create table "alert" ("id" uuid not null, "number" varchar(24) not null, "legislation_area" varchar(80) not null, "status" varchar(40) not null, "version" int not null, "originating_authority_id" uuid not null, "originating_country" varchar(2) not null, "alert_coordinator_id" uuid null, "establishment_country" varchar(2) null, "target_countries" jsonb not null, "broadcasting_coordinator_id" uuid null, "closure_coordinator_id" uuid null, "closure_authority_id" uuid null, "created_at" timestamptz not null, "submitted_at" timestamptz null, "broadcast_at" timestamptz null, "closure_proposed_at" timestamptz null, "comment_period_ends_at" timestamptz null, "objection_period_ends_at" timestamptz null, "closed_at" timestamptz null, "withdrawn_at" timestamptz null, "deleted_at" timestamptz null, "commission_received_at" timestamptz null, "reduced_view" boolean not null default false, "criteria" jsonb not null, "snapshot" jsonb not null, "updated_at" timestamptz not null, constraint "alert_pkey" primary key ("id"));`);
    this.addSql(`alter table "alert" add constraint "alert_number_unique" unique ("number");`);
    this.addSql(`create index "alert_originating_created_index" on "alert" ("originating_authority_id", "created_at");`);
    this.addSql(`create index "alert_coordinator_created_index" on "alert" ("alert_coordinator_id", "created_at");`);
    this.addSql(`create index "alert_status_broadcast_index" on "alert" ("status", "broadcast_at");`);
    this.addSql(`create index "alert_establishment_broadcast_index" on "alert" ("establishment_country", "broadcast_at");`);
    this.addSql(`create index "alert_number_pattern_index" on "alert" ("number" varchar_pattern_ops);`);

    this.addSql(`create table "alert_pending_action" ("id" bigserial primary key, "alert_id" uuid not null, "authority_id" uuid not null, "role" varchar(30) not null, "action" varchar(60) not null, "item_id" uuid null, "status" varchar(40) not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "alert_pending_action_alert_id_index" on "alert_pending_action" ("alert_id");`);
    this.addSql(`create index "alert_pending_action_authority_role_index" on "alert_pending_action" ("authority_id", "role");`);

    this.addSql(`create table "alert_provider" ("alert_id" uuid not null, "provider_kind" varchar(10) not null, "name" varchar(300) not null, "other_names" jsonb not null, "address" jsonb not null, "registration_numbers" jsonb not null, "fields" jsonb not null, "updated_at" timestamptz not null, "blocked_at" timestamptz null, constraint "alert_provider_pkey" primary key ("alert_id"));`);

    this.addSql(`create table "alert_recipient" ("alert_id" uuid not null, "authority_id" uuid not null, "country" varchar(2) not null, "kind" varchar(20) not null, "forwarded_by_authority_id" uuid null, "received_at" timestamptz not null, "acknowledged_at" timestamptz null, "acted_at" timestamptz null, "removed_at" timestamptz null, "removed_by_authority_id" uuid null, constraint "alert_recipient_pkey" primary key ("alert_id", "authority_id"));`);
    this.addSql(`create index "alert_recipient_authority_index" on "alert_recipient" ("authority_id", "removed_at");`);

    this.addSql(`create table "alert_text" ("id" uuid not null, "alert_id" uuid not null, "kind" varchar(40) not null, "authority_id" uuid null, "user_id" uuid null, "text" text not null, "language" varchar(5) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "blocked_at" timestamptz null, constraint "alert_text_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_text_alert_id_index" on "alert_text" ("alert_id");`);

    this.addSql(`create table "alert_file" ("id" uuid not null, "alert_id" uuid not null, "text_id" uuid null, "authority_id" uuid null, "file_name" varchar(255) not null, "mime_type" varchar(120) not null, "size_bytes" int not null, "content" bytea null, "storage_path" varchar(500) null, "uploaded_by" uuid null, "uploaded_at" timestamptz not null, "blocked_at" timestamptz null, constraint "alert_file_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_file_alert_id_index" on "alert_file" ("alert_id");`);

    this.addSql(`alter table "alert_pending_action" add constraint "alert_pending_action_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "alert_provider" add constraint "alert_provider_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "alert_recipient" add constraint "alert_recipient_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "alert_text" add constraint "alert_text_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "alert_file" add constraint "alert_file_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "alert_file" add constraint "alert_file_text_id_foreign" foreign key ("text_id") references "alert_text" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert_pending_action" drop constraint "alert_pending_action_alert_id_foreign";`);

    this.addSql(`alter table "alert_provider" drop constraint "alert_provider_alert_id_foreign";`);

    this.addSql(`alter table "alert_recipient" drop constraint "alert_recipient_alert_id_foreign";`);

    this.addSql(`alter table "alert_text" drop constraint "alert_text_alert_id_foreign";`);

    this.addSql(`alter table "alert_file" drop constraint "alert_file_alert_id_foreign";`);

    this.addSql(`alter table "alert_file" drop constraint "alert_file_text_id_foreign";`);

    this.addSql(`drop table if exists "alert" cascade;`);

    this.addSql(`drop table if exists "alert_pending_action" cascade;`);

    this.addSql(`drop table if exists "alert_provider" cascade;`);

    this.addSql(`drop table if exists "alert_recipient" cascade;`);

    this.addSql(`drop table if exists "alert_text" cascade;`);

    this.addSql(`drop table if exists "alert_file" cascade;`);

    this.addSql(`drop sequence if exists "alert_number_seq";`);
  }

}
