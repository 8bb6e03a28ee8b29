// The one-time links account emails carry (invitations, password resets). A link is found by its token alone:
// whoever follows it has no session, so no tenant to look in.
import type { Kysely } from "kysely";
import type { AccountLinksTable, Database } from "../../db/schema.js";

export class AccountLinkStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(link: AccountLinksTable): Promise<void> {
    await this.db.insertInto("account_links").values(link).execute();
  }

  byToken(token: string) {
    return this.db.selectFrom("account_links").selectAll().where("token", "=", token).executeTakeFirst();
  }

  async markUsed(token: string, at: string): Promise<void> {
    await this.db.updateTable("account_links").set({ used_at: at }).where("token", "=", token).execute();
  }
}
