// An included user's username on its row, kept there as its display name is: a page of a list's entries, of a
// watchlist's included users or members read each entry's user only for it (two B-tree descents a row, a quarter of
// the statement that writes a page of the detection-list search).
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { dropTrigger, pgTrigger } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table watchlist_users add column username text not null default ''`.execute(db);
  await sql`update watchlist_users set username = (select u.username from users u where u.tenant_uid = watchlist_users.tenant_uid and u.user_uid = watchlist_users.user_uid)`.execute(db);
  await dropTrigger(db, "watchlist_users_display_name", "users");
  if (isPostgres(db))
    await pgTrigger(db, "watchlist_users_display_name", "after update of first_name, last_name, username on users", `
      update watchlist_users set display_name = new.display_name, username = new.username where tenant_uid = new.tenant_uid and user_uid = new.user_uid;`);
  else
    await sql`create trigger watchlist_users_display_name after update of first_name, last_name, username on users
    begin
      update watchlist_users set display_name = new.display_name, username = new.username where tenant_uid = new.tenant_uid and user_uid = new.user_uid;
    end`.execute(db);
}
