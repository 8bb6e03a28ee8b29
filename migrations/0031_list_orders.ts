// Pages of devices and of a matter's custodians in the order they are listed: a walk down an index from the
// tenant's (or the matter's) first entry, stopping at the page's end, instead of sorting every device or membership
// of the tenant for each page (at 100k devices, a sort per page).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // The v1 device list's order (by id), and the gateway's devices and agents by name, their default.
  await sql`create index devices_in_order on devices (tenant_uid, computer_id)`.execute(db);
  await sql`create index devices_by_name on devices (tenant_uid, name, computer_id)`.execute(db);
  await sql`create index legal_hold_memberships_in_order on legal_hold_memberships (tenant_uid, legal_hold_uid, creation_date, membership_uid)`.execute(db);
}
