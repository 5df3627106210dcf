import { Migration } from '@mikro-orm/migrations';

export class Migration20261125201438 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_token" ("id" uuid not null, "user_id" uuid not null, "name" varchar(100) not null, "token_hash" varchar(64) not null, "prefix" varchar(16) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`create index "api_token_user_id_index" on "api_token" ("user_id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "invitation" ("id" uuid not null, "workflow_id" varchar(200) not null, "coordinator_authority_id" varchar(120) not null, "country_code" varchar(2) not null, "status" varchar(40) not null, "version" int not null, "areas" jsonb not null, "workflows" jsonb not null, "sender_user_id" varchar(120) null, "registered_authority_id" varchar(120) null, "created_at" timestamptz not null, "submitted_at" timestamptz null, "dispatch_at" timestamptz null, "sent_at" timestamptz null, "code_expires_at" timestamptz null, "reminded_at" timestamptz null, "registered_at" timestamptz null, "validated_at" timestamptz null, "closed_at" timestamptz null, "remove_at" timestamptz null, "removed_at" timestamptz null, "rejection_reason" varchar(40) null, "updated_at" timestamptz not null, constraint "invitation_pkey" primary key ("id"));`);
    this.addSql(`alter table "invitation" add constraint "invitation_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "invitation_coordinator_authority_id_index" on "invitation" ("coordinator_authority_id");`);
    this.addSql(`create index "invitation_status_index" on "invitation" ("status");`);
    this.addSql(`create index "invitation_removed_at_index" on "invitation" ("removed_at");`);

    this.addSql(`create table "invitation_contact" ("invitation_id" uuid not null, "email" varchar(254) not null, "name" varchar(200) not null, "message" text null, "language" varchar(5) not null, "code_hash" text null, "code_version" int null, "created_at" timestamptz not null, constraint "invitation_contact_pkey" primary key ("invitation_id"));`);
    this.addSql(`create index "invitation_contact_email_index" on "invitation_contact" ("email");`);

    this.addSql(`create table "authority" ("id" uuid not null, "country_code" varchar(2) not null, "kind" varchar(20) not null, "region" varchar(120) null, "official_name" varchar(300) not null, "informal_title" jsonb not null, "description" text null, "description_language" varchar(2) null, "languages" jsonb not null, "address_lines" jsonb not null, "postcode" varchar(20) null, "city" varchar(120) not null, "phone" varchar(40) null, "website" varchar(300) null, "contact_email" varchar(254) not null, "horizontal_competence" boolean not null default false, "status" varchar(40) not null, "validating_coordinator_id" uuid null, "search_text" text not null, "exact_text" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "authority_pkey" primary key ("id"));`);
    this.addSql(`create index "authority_country_code_index" on "authority" ("country_code");`);
    this.addSql(`create index "authority_kind_index" on "authority" ("kind");`);
    this.addSql(`create index "authority_contact_email_index" on "authority" ("contact_email");`);
    this.addSql(`create index "authority_status_index" on "authority" ("status");`);

    this.addSql(`create table "authority_workflow" ("authority_id" uuid not null, "area_code" varchar(60) not null, "workflow" varchar(20) not null, "access_status" varchar(40) not null, "previous_access_status" varchar(40) null, "roles" jsonb not null, constraint "authority_workflow_pkey" primary key ("authority_id", "area_code", "workflow"));`);

    this.addSql(`create table "authority_area" ("authority_id" uuid not null, "area_code" varchar(60) not null, "access_status" varchar(40) not null, "previous_access_status" varchar(40) null, "role" varchar(20) not null, "access_coordinator_id" uuid null, "keywords" jsonb not null, "flags" jsonb not null, constraint "authority_area_pkey" primary key ("authority_id", "area_code"));`);
    this.addSql(`create index "authority_area_area_code_index" on "authority_area" ("area_code");`);

    this.addSql(`create table "authority_linked_coordinator" ("authority_id" uuid not null, "area_code" varchar(60) not null, "workflow" varchar(20) not null, "coordinator_id" uuid not null, constraint "authority_linked_coordinator_pkey" primary key ("authority_id", "area_code", "workflow", "coordinator_id"));`);
    this.addSql(`create index "authority_linked_coordinator_coordinator_id_index" on "authority_linked_coordinator" ("coordinator_id");`);

    this.addSql(`create table "login_challenge" ("id" varchar(64) not null, "user_id" uuid not null, "kind" varchar(20) not null, "positions" jsonb null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used" boolean not null, constraint "login_challenge_pkey" primary key ("id"));`);
    this.addSql(`create index "login_challenge_user_id_index" on "login_challenge" ("user_id");`);
    this.addSql(`create index "login_challenge_expires_at_index" on "login_challenge" ("expires_at");`);

    this.addSql(`create table "login_throttle" ("id" bigserial primary key, "scope" varchar(10) not null, "key" varchar(64) not null, "at" timestamptz not null);`);
    this.addSql(`create index "login_throttle_at_index" on "login_throttle" ("at");`);
    this.addSql(`create index "login_throttle_scope_key_at_index" on "login_throttle" ("scope", "key", "at");`);

    this.addSql(`create table "authority_competence" ("id" bigserial primary key, "authority_id" uuid not null, "nace_code" varchar(8) null, "policy_area_code" varchar(60) null, constraint authority_competence_one_kind check ((nace_code is null) <> (policy_area_code is null)));`);
    this.addSql(`create index "authority_competence_authority_id_index" on "authority_competence" ("authority_id");`);
    this.addSql(`create index "authority_competence_nace_code_index" on "authority_competence" ("nace_code");`);
    this.addSql(`create index "authority_competence_policy_area_code_index" on "authority_competence" ("policy_area_code");`);

    this.addSql(`create table "user_session" ("id" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "csrf_token" varchar(64) not null, "ip" varchar(64) null, "user_agent" varchar(300) null, constraint "user_session_pkey" primary key ("id"));`);
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);
    this.addSql(`create index "user_session_expires_at_index" on "user_session" ("expires_at");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "username" varchar(60) not null, "authority_id" uuid null, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "email" varchar(254) not null, "phone" varchar(40) null, "preferred_language" varchar(5) not null, "roles" jsonb not null, "status" varchar(20) not null, "password_hash" text not null, "password_is_temporary" boolean not null, "password_changed_at" timestamptz not null, "security_code_hashes" jsonb null, "failed_attempts" int not null, "locked_at" timestamptz null, "last_login_at" timestamptz null, "created_at" timestamptz not null, "removed_at" timestamptz null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this.addSql(`create index "app_user_authority_id_index" on "app_user" ("authority_id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_status_index" on "app_user" ("status");`);

    this.addSql(`alter table "authority" add constraint "authority_country_code_foreign" foreign key ("country_code") references "ref_country" ("code") on update cascade;`);
    this.addSql(`alter table "authority" add constraint "authority_description_language_foreign" foreign key ("description_language") references "ref_language" ("code") on update cascade on delete set null;`);
    this.addSql(`alter table "authority" add constraint "authority_validating_coordinator_id_foreign" foreign key ("validating_coordinator_id") references "authority" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "authority_workflow" add constraint "authority_workflow_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "authority_workflow" add constraint "authority_workflow_area_code_foreign" foreign key ("area_code") references "ref_legislation_area" ("code") on update cascade;`);

    this.addSql(`alter table "authority_area" add constraint "authority_area_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "authority_area" add constraint "authority_area_area_code_foreign" foreign key ("area_code") references "ref_legislation_area" ("code") on update cascade;`);
    this.addSql(`alter table "authority_area" add constraint "authority_area_access_coordinator_id_foreign" foreign key ("access_coordinator_id") references "authority" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "authority_linked_coordinator" add constraint "authority_linked_coordinator_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "authority_linked_coordinator" add constraint "authority_linked_coordinator_area_code_foreign" foreign key ("area_code") references "ref_legislation_area" ("code") on update cascade;`);
    this.addSql(`alter table "authority_linked_coordinator" add constraint "authority_linked_coordinator_coordinator_id_foreign" foreign key ("coordinator_id") references "authority" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "authority_competence" add constraint "authority_competence_authority_id_foreign" foreign key ("authority_id") references "authority" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "authority_competence" add constraint "authority_competence_nace_code_foreign" foreign key ("nace_code") references "ref_nace_code" ("code") on update cascade on delete set null;`);
    this.addSql(`alter table "authority_competence" add constraint "authority_competence_policy_area_code_foreign" foreign key ("policy_area_code") references "ref_policy_area" ("code") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "authority" drop constraint "authority_validating_coordinator_id_foreign";`);

    this.addSql(`alter table "authority_workflow" drop constraint "authority_workflow_authority_id_foreign";`);

    this.addSql(`alter table "authority_area" drop constraint "authority_area_authority_id_foreign";`);

    this.addSql(`alter table "authority_area" drop constraint "authority_area_access_coordinator_id_foreign";`);

    this.addSql(`alter table "authority_linked_coordinator" drop constraint "authority_linked_coordinator_authority_id_foreign";`);

    this.addSql(`alter table "authority_linked_coordinator" drop constraint "authority_linked_coordinator_coordinator_id_foreign";`);

    this.addSql(`alter table "authority_competence" drop constraint "authority_competence_authority_id_foreign";`);

    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`drop table if exists "invitation_contact" cascade;`);

    this.addSql(`drop table if exists "authority" cascade;`);

    this.addSql(`drop table if exists "authority_workflow" cascade;`);

    this.addSql(`drop table if exists "authority_area" cascade;`);

    this.addSql(`drop table if exists "authority_linked_coordinator" cascade;`);

    this.addSql(`drop table if exists "login_challenge" cascade;`);

    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`drop table if exists "authority_competence" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);
  }

}
