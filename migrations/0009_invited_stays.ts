// `invited` now says how a user came (invited by email) and no longer clears at their first sign-in; the console's
// Invited tab is the invited users who have not signed in yet. Users who signed in before this lost the flag:
// their invitation links still tell who was invited.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update users set invited = 1
    where invited = 0 and (tenant_uid, user_uid) in (select tenant_uid, user_uid from account_links where kind = 'INVITATION')`.execute(db);
}
