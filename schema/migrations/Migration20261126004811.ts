import { Migration } from '@mikro-orm/migrations';

export class Migration20261126004811 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "request_requester_coordinator_created_index";`);
    this.addSql(`drop index "request_requesting_created_index";`);
    this.addSql(`drop index "request_requesting_sent_index";`);
    this.addSql(`drop index "request_responder_coordinator_created_index";`);
    this.addSql(`drop index "request_responding_created_index";`);
    this.addSql(`drop index "request_responding_sent_index";`);

    this.addSql(`create index "request_requesting_search_index" on "request" ("requesting_authority_id", "created_at", "id") include ("status", "legislation_area", "sent_at", "deadline", "requesting_country", "responding_country", "requester_coordinator_id", "responder_coordinator_id");`);
    this.addSql(`create index "request_responding_search_index" on "request" ("responding_authority_id", "created_at", "id") include ("status", "legislation_area", "sent_at", "deadline", "requesting_country", "responding_country", "requesting_authority_id", "requester_coordinator_id", "responder_coordinator_id");`);
    this.addSql(`create index "request_requester_coordinator_search_index" on "request" ("requester_coordinator_id", "created_at", "id") include ("status", "legislation_area", "sent_at", "deadline", "requesting_country", "responding_country");`);
    this.addSql(`create index "request_responder_coordinator_search_index" on "request" ("responder_coordinator_id", "created_at", "id") include ("status", "legislation_area", "sent_at", "deadline", "requesting_country", "responding_country", "requester_coordinator_id");`);
    this.addSql(`create index "request_requesting_sent_search_index" on "request" ("requesting_authority_id", "sent_at", "id") include ("status", "legislation_area", "created_at", "deadline", "requesting_country", "responding_country", "requester_coordinator_id", "responder_coordinator_id");`);
    this.addSql(`create index "request_responding_sent_search_index" on "request" ("responding_authority_id", "sent_at", "id") include ("status", "legislation_area", "created_at", "deadline", "requesting_country", "responding_country", "requesting_authority_id", "requester_coordinator_id", "responder_coordinator_id");`);
    this.addSql(`create index "request_requester_coordinator_sent_search_index" on "request" ("requester_coordinator_id", "sent_at", "id") include ("status", "legislation_area", "created_at", "deadline", "requesting_country", "responding_country");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "request_requesting_search_index";`);
    this.addSql(`drop index "request_responding_search_index";`);
    this.addSql(`drop index "request_requester_coordinator_search_index";`);
    this.addSql(`drop index "request_responder_coordinator_search_index";`);
    this.addSql(`drop index "request_requesting_sent_search_index";`);
    this.addSql(`drop index "request_responding_sent_search_index";`);
    this.addSql(`drop index "request_requester_coordinator_sent_search_index";`);

    this.addSql(`create index "request_requester_coordinator_created_index" on "request" ("requester_coordinator_id", "created_at");`);
    this.addSql(`create index "request_requesting_created_index" on "request" ("requesting_authority_id", "created_at");`);
    this.addSql(`create index "request_requesting_sent_index" on "request" ("requesting_authority_id", "sent_at");`);
    this.addSql(`create index "request_responder_coordinator_created_index" on "request" ("responder_coordinator_id", "created_at");`);
    this.addSql(`create index "request_responding_created_index" on "request" ("responding_authority_id", "created_at");`);
    this.addSql(`create index "request_responding_sent_index" on "request" ("responding_authority_id", "sent_at");`);
  }

}
