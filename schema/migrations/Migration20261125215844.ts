import { Migration } from '@mikro-orm/migrations';

export class Migration20261125215844 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report" ("id" uuid not null, "case_type" varchar(20) not null, "case_id" varchar(100) not null, "kind" varchar(40) not null, "language" varchar(5) not null, "signed" boolean not null, "personal_data" boolean not null, "created_by" varchar(120) not null, "authority_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "size_bytes" int not null, "sha256" varchar(64) not null, "bytes" bytea not null, constraint "report_pkey" primary key ("id"));`);
    this.addSql(`create index "report_authority_id_index" on "report" ("authority_id");`);
    this.addSql(`create index "report_expires_at_index" on "report" ("expires_at");`);
    this.addSql(`create index "report_case_type_case_id_index" on "report" ("case_type", "case_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report" cascade;`);
  }

}
