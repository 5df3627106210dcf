import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203240 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "captcha_challenge" ("id" uuid not null, "answer_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "captcha_challenge_pkey" primary key ("id"));`);
    this.addSql(`create index "captcha_challenge_expires_at_index" on "captcha_challenge" ("expires_at");`);

    this.addSql(`create table "registration_token" ("id" uuid not null, "token_hash" varchar(64) not null, "invitation_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "registration_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "registration_token" add constraint "registration_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "registration_token_invitation_id_index" on "registration_token" ("invitation_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "captcha_challenge" cascade;`);

    this.addSql(`drop table if exists "registration_token" cascade;`);
  }

}
