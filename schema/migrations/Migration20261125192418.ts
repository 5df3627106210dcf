import { Migration } from '@mikro-orm/migrations';

export class Migration20261125192418 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "at" timestamptz not null, "subject_type" varchar(40) not null, "subject_id" varchar(200) not null, "action" varchar(80) not null, "actor" varchar(120) not null, "reason" text null, "details" jsonb null, "version" int null);`);
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);
    this.addSql(`create index "audit_event_subject_type_index" on "audit_event" ("subject_type");`);
    this.addSql(`create index "audit_event_subject_id_index" on "audit_event" ("subject_id");`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_subject_type_subject_id_action_version_unique" unique ("subject_type", "subject_id", "action", "version");`);

    this.addSql(`create table "contact_check" ("id" uuid not null, "workflow_id" varchar(200) not null, "authority_ref" varchar(120) not null, "country_code" varchar(2) not null, "status" varchar(30) not null, "version" int not null, "opened_at" timestamptz not null, "due_at" timestamptz not null, "reminded_at" timestamptz null, "closed_at" timestamptz null, "updated_at" timestamptz not null, constraint "contact_check_pkey" primary key ("id"));`);
    this.addSql(`alter table "contact_check" add constraint "contact_check_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "contact_check_authority_ref_index" on "contact_check" ("authority_ref");`);
    this.addSql(`create index "contact_check_status_index" on "contact_check" ("status");`);

    this.addSql(`create table "contact_check_contact" ("check_id" uuid not null, "email" varchar(254) not null, "language" varchar(5) not null, "created_at" timestamptz not null, constraint "contact_check_contact_pkey" primary key ("check_id"));`);

    this.addSql(`create table "ref_country" ("code" varchar(2) not null, "name_en" varchar(80) not null, "name_native" varchar(120) not null, "eu_member" boolean not null, "time_zone" varchar(64) not null, "has_regions" boolean not null, "languages" jsonb not null, "retired" boolean not null default false, constraint "ref_country_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_language" ("code" varchar(2) not null, "name_en" varchar(60) not null, "name_native" varchar(60) not null, "eu_official" boolean not null, "retired" boolean not null default false, constraint "ref_language_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_legislation_area" ("code" varchar(60) not null, "legal_reference" varchar(200) not null, "names" jsonb not null, "workflows" jsonb not null, "block_personal_data_after_months" int not null, "position" int not null, "retired" boolean not null default false, constraint "ref_legislation_area_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_area_keyword" ("code" varchar(80) not null, "area_code" varchar(60) not null, "labels" jsonb not null, "position" int not null, "retired" boolean not null default false, constraint "ref_area_keyword_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_nace_code" ("code" varchar(8) not null, "level" int not null, "parent_code" varchar(8) null, "names" jsonb not null, "retired" boolean not null default false, constraint "ref_nace_code_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_policy_area" ("code" varchar(60) not null, "level" int not null, "parent_code" varchar(60) null, "names" jsonb not null, "position" int not null, "retired" boolean not null default false, constraint "ref_policy_area_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_question_set" ("code" varchar(80) not null, "area_code" varchar(60) not null, "names" jsonb not null, "instructions" jsonb null, "checklist" jsonb null, "position" int not null, "retired" boolean not null default false, constraint "ref_question_set_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_question" ("code" varchar(160) not null, "question_set_code" varchar(80) not null, "position" int not null, "texts" jsonb not null, "comment_required" boolean not null default false, "retired" boolean not null default false, constraint "ref_question_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_predefined_answer" ("code" varchar(200) not null, "question_code" varchar(160) not null, "position" int not null, "texts" jsonb not null, "retired" boolean not null default false, constraint "ref_predefined_answer_pkey" primary key ("code"));`);

    this.addSql(`create table "ref_data_version" ("kind" varchar(40) not null, "version" int not null, "loaded_at" timestamptz not null, constraint "ref_data_version_pkey" primary key ("kind"));`);

    this.addSql(`create table "sent_email" ("key" varchar(200) not null, "template" varchar(80) not null, "language" varchar(5) not null, "sent_at" timestamptz not null, constraint "sent_email_pkey" primary key ("key"));`);

    this.addSql(`alter table "ref_area_keyword" add constraint "ref_area_keyword_area_code_foreign" foreign key ("area_code") references "ref_legislation_area" ("code") on update cascade;`);

    this.addSql(`alter table "ref_nace_code" add constraint "ref_nace_code_parent_code_foreign" foreign key ("parent_code") references "ref_nace_code" ("code") on update cascade on delete set null;`);

    this.addSql(`alter table "ref_policy_area" add constraint "ref_policy_area_parent_code_foreign" foreign key ("parent_code") references "ref_policy_area" ("code") on update cascade on delete set null;`);

    this.addSql(`alter table "ref_question_set" add constraint "ref_question_set_area_code_foreign" foreign key ("area_code") references "ref_legislation_area" ("code") on update cascade;`);

    this.addSql(`alter table "ref_question" add constraint "ref_question_question_set_code_foreign" foreign key ("question_set_code") references "ref_question_set" ("code") on update cascade;`);

    this.addSql(`alter table "ref_predefined_answer" add constraint "ref_predefined_answer_question_code_foreign" foreign key ("question_code") references "ref_question" ("code") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ref_area_keyword" drop constraint "ref_area_keyword_area_code_foreign";`);

    this.addSql(`alter table "ref_question_set" drop constraint "ref_question_set_area_code_foreign";`);

    this.addSql(`alter table "ref_nace_code" drop constraint "ref_nace_code_parent_code_foreign";`);

    this.addSql(`alter table "ref_policy_area" drop constraint "ref_policy_area_parent_code_foreign";`);

    this.addSql(`alter table "ref_question" drop constraint "ref_question_question_set_code_foreign";`);

    this.addSql(`alter table "ref_predefined_answer" drop constraint "ref_predefined_answer_question_code_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "contact_check" cascade;`);

    this.addSql(`drop table if exists "contact_check_contact" cascade;`);

    this.addSql(`drop table if exists "ref_country" cascade;`);

    this.addSql(`drop table if exists "ref_language" cascade;`);

    this.addSql(`drop table if exists "ref_legislation_area" cascade;`);

    this.addSql(`drop table if exists "ref_area_keyword" cascade;`);

    this.addSql(`drop table if exists "ref_nace_code" cascade;`);

    this.addSql(`drop table if exists "ref_policy_area" cascade;`);

    this.addSql(`drop table if exists "ref_question_set" cascade;`);

    this.addSql(`drop table if exists "ref_question" cascade;`);

    this.addSql(`drop table if exists "ref_predefined_answer" cascade;`);

    this.addSql(`drop table if exists "ref_data_version" cascade;`);

    this.addSql(`drop table if exists "sent_email" cascade;`);
  }

}
