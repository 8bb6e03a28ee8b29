// Devices (computers) with their backup usage per destination, org settings that matter for them, outbound
// email, and legal holds: policies, matters, custodian memberships and their event log.
import type { Kysely } from "kysely";
import { autoId, int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Seed "Instructions for Code42 Organization Administrators": a device limit per user (4 there); null = none.
  await db.schema.alterTable("orgs").addColumn("device_limit_per_user", int(db)).execute();
  // Seed "Users reference": users of orgs whose client visibility is Hidden get no password-reset email.
  await db.schema.alterTable("orgs").addColumn("client_visibility", "text", (c) => c.notNull().defaultTo("VISIBLE")).execute();

  await db.schema
    .createTable("devices")
    .addColumn("computer_id", int(db), autoId(db))
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("guid", "text", (c) => c.notNull())
    .addColumn("user_id", int(db), (c) => c.notNull().references("users.user_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("os_hostname", "text", (c) => c.notNull())
    .addColumn("os_name", "text", (c) => c.notNull())
    .addColumn("os_version", "text")
    .addColumn("os_arch", "text")
    .addColumn("address", "text")
    .addColumn("remote_address", "text")
    .addColumn("java_version", "text")
    .addColumn("product_version", "text", (c) => c.notNull())
    .addColumn("build_version", int(db))
    .addColumn("time_zone", "text")
    .addColumn("model_info", "text")
    .addColumn("service", "text", (c) => c.notNull().defaultTo("CrashPlan"))
    .addColumn("computer_ext_ref", "text")
    .addColumn("notes", "text")
    .addColumn("active", int(db), (c) => c.notNull().defaultTo(1))
    .addColumn("blocked", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("deauthorized", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("full_disk_access", "text")
    .addColumn("creation_date", "text", (c) => c.notNull())
    .addColumn("modification_date", "text", (c) => c.notNull())
    .addColumn("last_connected", "text")
    .addColumn("login_date", "text")
    .addUniqueConstraint("devices_tenant_guid", ["tenant_uid", "guid"])
    .execute();
  await db.schema.createIndex("devices_by_user").on("devices").columns(["tenant_uid", "user_id"]).execute();

  await db.schema
    .createTable("device_backups")
    .addColumn("computer_id", int(db), (c) => c.notNull().references("devices.computer_id").onDelete("cascade"))
    .addColumn("destination_guid", "text", (c) => c.notNull())
    .addColumn("destination_name", "text", (c) => c.notNull())
    .addColumn("archive_guid", "text", (c) => c.notNull())
    .addColumn("archive_format", "text", (c) => c.notNull().defaultTo("ARCHIVE_V1"))
    .addColumn("selected_files", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("selected_bytes", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("todo_files", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("todo_bytes", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("archive_bytes", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("billable_bytes", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("last_backup", "text")
    .addColumn("last_completed_backup", "text")
    .addColumn("cold_storage", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("archive_hold_expire_date", "text")
    .addPrimaryKeyConstraint("device_backups_pk", ["computer_id", "destination_guid"])
    .execute();
  await db.schema.createIndex("device_backups_by_archive").on("device_backups").column("archive_guid").execute();

  await db.schema
    .createTable("outbox")
    .addColumn("message_id", int(db), autoId(db))
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("legal_hold_policies")
    .addColumn("policy_uid", "text", (c) => c.primaryKey())
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("policy", "text")
    .addColumn("creator_user_uid", "text")
    .addColumn("creation_date", "text", (c) => c.notNull())
    .addColumn("modification_date", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("legal_holds")
    .addColumn("legal_hold_uid", "text", (c) => c.primaryKey())
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("notes", "text")
    .addColumn("hold_ext_ref", "text")
    .addColumn("active", int(db), (c) => c.notNull().defaultTo(1))
    .addColumn("policy_uid", "text", (c) => c.notNull().references("legal_hold_policies.policy_uid"))
    .addColumn("creator_user_uid", "text")
    .addColumn("creation_date", "text", (c) => c.notNull())
    .addColumn("last_modified", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("legal_holds_by_tenant").on("legal_holds").columns(["tenant_uid", "creation_date"]).execute();

  await db.schema
    .createTable("legal_hold_memberships")
    .addColumn("membership_uid", "text", (c) => c.primaryKey())
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("legal_hold_uid", "text", (c) => c.notNull().references("legal_holds.legal_hold_uid"))
    .addColumn("user_uid", "text", (c) => c.notNull())
    .addColumn("active", int(db), (c) => c.notNull().defaultTo(1))
    .addColumn("creation_date", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("legal_hold_memberships_by_hold").on("legal_hold_memberships").columns(["tenant_uid", "legal_hold_uid", "user_uid"]).execute();
  await db.schema.createIndex("legal_hold_memberships_by_user").on("legal_hold_memberships").columns(["tenant_uid", "user_uid"]).execute();

  await db.schema
    .createTable("legal_hold_events")
    .addColumn("event_uid", "text", (c) => c.primaryKey())
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("legal_hold_uid", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("event_date", "text", (c) => c.notNull())
    .addColumn("membership_uid", "text")
    .addColumn("custodian_user_uid", "text")
    .addColumn("actor_user_uid", "text")
    .execute();
  await db.schema.createIndex("legal_hold_events_by_hold").on("legal_hold_events").columns(["tenant_uid", "legal_hold_uid", "event_date"]).execute();
}
