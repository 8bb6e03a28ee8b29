// Queries of the backup alert watch: the backups it watches and who is told when one crosses a threshold.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";

/** The role whose holders get the backup reports and alerts by email (roles/catalogue.ts). */
export const ALERT_EMAILS_ROLE = "alert-emails";

export class BackupAlertStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every completed backup of an active device, in every tenant: only they can cross a threshold. */
  watched() {
    return this.db
      .selectFrom("device_backups as b")
      .innerJoin("devices as d", "d.computer_id", "b.computer_id")
      .innerJoin("users as u", "u.user_id", "d.user_id")
      .innerJoin("orgs as o", "o.org_id", "u.org_id")
      .select(["d.tenant_uid", "u.org_id", "o.org_name", "d.computer_id", "d.guid", "d.name", "u.username", "b.destination_name", "b.last_completed_backup"])
      .where("d.active", "=", 1)
      .where("b.cold_storage", "=", 0)
      .where("b.last_completed_backup", "is not", null)
      .orderBy("d.computer_id")
      .orderBy("b.destination_guid")
      .execute();
  }

  /** A tenant's active users with the Alert Emails role, and whether each reaches the whole tenant. */
  async alertEmailHolders(tenantUid: string) {
    const rows = await this.db
      .selectFrom("users as u")
      .innerJoin("user_roles as r", "r.user_id", "u.user_id")
      .select(["u.user_id", "u.org_id", "u.username", "u.email"])
      .select((eb) =>
        eb
          .exists(eb.selectFrom("user_roles as a").select("a.user_id").whereRef("a.user_id", "=", "u.user_id").where("a.role_id", "=", CUSTOMER_CLOUD_ADMIN))
          .as("whole_tenant"),
      )
      .where("u.tenant_uid", "=", tenantUid)
      .where("u.active", "=", 1)
      .where("r.role_id", "=", ALERT_EMAILS_ROLE)
      .orderBy("u.user_id")
      .execute();
    return rows.map((r) => ({ ...r, whole_tenant: Boolean(r.whole_tenant) }));
  }
}

export type WatchedBackup = Awaited<ReturnType<BackupAlertStore["watched"]>>[number];
