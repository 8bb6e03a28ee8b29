// Alert rules (issue #20): a tenant's rules, read by the gateway's /v2 and /v1 alert-rules, py42's FedObserver
// /svc/api/v1/Rules and the alerts service's rule metadata, and judged by the alert engine against file events. A rule's
// criteria are kept as the v2 shape (vectors and filters) in JSON; its scope is kept apart: the username filter's
// entries (aliases, grouped by the authority user they were added for) and the watchlists it is limited to.
import { sql, type Kysely } from "kysely";
import { int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alert_rules")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("enabled", int(db), (c) => c.notNull())
    .addColumn("system", int(db), (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    // null: no username filter; INCLUDE or EXCLUDE otherwise (an empty list of users included).
    .addColumn("user_mode", "text")
    .addColumn("criteria", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("modified_at", "text", (c) => c.notNull())
    .addColumn("modified_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_rules_pk", ["tenant_uid", "rule_id"])
    .execute();
  await sql`create unique index alert_rules_name on alert_rules (tenant_uid, lower(name))`.execute(db);
  await sql`create index alert_rules_created on alert_rules (tenant_uid, created_at, rule_id)`.execute(db);
  await db.schema
    .createTable("alert_rule_users")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("alias", "text", (c) => c.notNull())
    // The Code42 user the alias was added for; null for one added "from the console" (fixtures).
    .addColumn("user_uid", "text")
    .addColumn("position", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_rule_users_pk", ["tenant_uid", "rule_id", "alias"])
    .addForeignKeyConstraint("alert_rule_users_rule", ["tenant_uid", "rule_id"], "alert_rules", ["tenant_uid", "rule_id"], (c) => c.onDelete("cascade"))
    .execute();
  await db.schema
    .createTable("alert_rule_watchlists")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("watchlist_id", "text", (c) => c.notNull())
    .addColumn("position", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_rule_watchlists_pk", ["tenant_uid", "rule_id", "watchlist_id"])
    .addForeignKeyConstraint("alert_rule_watchlists_rule", ["tenant_uid", "rule_id"], "alert_rules", ["tenant_uid", "rule_id"], (c) => c.onDelete("cascade"))
    .execute();
}
