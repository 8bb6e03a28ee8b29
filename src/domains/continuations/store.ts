// The ids an update-all (alerts' update-all-state, sessions' change-states) still has to change, under the token its
// last answer gave. In the database (migration 0030), so the next call may go to another node; a reset forgets them.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export type ContinuationKind = "alerts" | "sessions";

export class ContinuationStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The ids left under the token, removed as they are read (a token is good once); undefined if unknown. */
  async take(kind: ContinuationKind, token: string, tenantUid: string): Promise<string[] | undefined> {
    const row = await this.db.deleteFrom("continuations").where("token", "=", token).where("kind", "=", kind).where("tenant_uid", "=", tenantUid).returning("payload").executeTakeFirst();
    return row ? (JSON.parse(row.payload) as string[]) : undefined;
  }

  async put(kind: ContinuationKind, token: string, tenantUid: string, ids: string[], createdAt: string): Promise<void> {
    await this.db.insertInto("continuations").values({ token, kind, tenant_uid: tenantUid, payload: JSON.stringify(ids), created_at: createdAt }).execute();
  }
}
