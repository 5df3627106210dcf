import { Migration } from '@mikro-orm/migrations';

export class Migration20261125204721 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "email_template" ("id" uuid not null, "owner_authority_id" uuid null, "code" varchar(80) not null, "language" varchar(5) not null, "name" varchar(200) not null, "subject" varchar(200) not null, "heading" varchar(200) not null, "body" text not null, "updated_at" timestamptz not null, "updated_by" varchar(120) null, constraint "email_template_pkey" primary key ("id"));`);
    this.addSql(`create index "email_template_owner_authority_id_index" on "email_template" ("owner_authority_id");`);
    this.addSql(`alter table "email_template" add constraint "email_template_owner_authority_id_code_language_unique" unique ("owner_authority_id", "code", "language");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "email_template" cascade;`);
  }

}
