// The emails the tenant "sent" (invitations, password resets, backup alerts): kept for tests to read, never delivered.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export type MessageKind = "INVITATION" | "PASSWORD_RESET" | "TWO_FACTOR_RESET" | "BACKUP_ALERT";

export interface Message {
  kind: MessageKind;
  to: string;
  subject: string;
  body: string;
  link: string | null;
}

export class OutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  send(tenantUid: string, m: Message, at: string) {
    return this.db.insertInto("outbox").values({ tenant_uid: tenantUid, kind: m.kind, to_address: m.to, subject: m.subject, body: m.body, link: m.link, sent_at: at }).execute();
  }

  list(tenantUid?: string) {
    let q = this.db.selectFrom("outbox").selectAll().orderBy("message_id");
    if (tenantUid) q = q.where("tenant_uid", "=", tenantUid);
    return q.execute();
  }

  clear(tenantUid?: string) {
    let q = this.db.deleteFrom("outbox");
    if (tenantUid) q = q.where("tenant_uid", "=", tenantUid);
    return q.execute();
  }
}
