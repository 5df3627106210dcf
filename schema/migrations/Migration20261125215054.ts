import { Migration } from '@mikro-orm/migrations';

export class Migration20261125215054 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "case_retention" ("case_type" varchar(20) not null, "case_id" varchar(120) not null, "workflow_id" varchar(200) not null, "status" varchar(20) not null, "version" int not null, "closed_at" timestamptz not null, "block_at" timestamptz null, "erase_at" timestamptz not null, "blocked_at" timestamptz null, "erased_at" timestamptz null, "early_erasure" jsonb null, "contests" jsonb not null, "updated_at" timestamptz not null, constraint "case_retention_pkey" primary key ("case_type", "case_id"));`);
    this.addSql(`alter table "case_retention" add constraint "case_retention_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "case_retention_status_index" on "case_retention" ("status");`);
    this.addSql(`create index "case_retention_erase_at_index" on "case_retention" ("erase_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_retention" cascade;`);
  }

}
