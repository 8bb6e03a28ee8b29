// Alerts and sessions (issue #20): what the alert engine raises from ingested file events, read and changed through the
// gateway's /v1/alerts and /v1/sessions and py42's /svc/api/v1 alert service. An alert keeps its rule's name, type and
// severity as they were when it was raised (a rule renamed later does not rename its alerts) and the file events it
// observed; its observations are summed up from those events when read. A session is an actor's alerted activity over
// a stretch of time: its alerts, its events, its notes and the history of its states. Candidates are the matching
// events of a rule with volume thresholds that have not yet added up to an alert.
import { sql, type Kysely } from "kysely";
import { addRowid, int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sessions")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("actor_key", "text", (c) => c.notNull())
    .addColumn("actor_uid", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("begin_time", int(db), (c) => c.notNull())
    .addColumn("end_time", int(db), (c) => c.notNull())
    .addColumn("first_observed", int(db), (c) => c.notNull())
    .addColumn("last_updated", int(db), (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("score", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("sessions_pk", ["tenant_uid", "session_id"])
    .execute();
  await sql`create index sessions_actor on sessions (tenant_uid, actor_key, end_time)`.execute(db);
  await sql`create index sessions_end on sessions (tenant_uid, end_time, session_id)`.execute(db);
  await db.schema
    .createTable("session_events")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("ts", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("session_events_pk", ["tenant_uid", "session_id", "event_id"])
    .addForeignKeyConstraint("session_events_session", ["tenant_uid", "session_id"], "sessions", ["tenant_uid", "session_id"], (c) => c.onDelete("cascade"))
    .execute();
  await db.schema
    .createTable("session_states")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("position", int(db), (c) => c.notNull())
    .addColumn("at", int(db), (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addPrimaryKeyConstraint("session_states_pk", ["tenant_uid", "session_id", "position"])
    .addForeignKeyConstraint("session_states_session", ["tenant_uid", "session_id"], "sessions", ["tenant_uid", "session_id"], (c) => c.onDelete("cascade"))
    .execute();
  await db.schema
    .createTable("session_notes")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("note_id", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("at", int(db), (c) => c.notNull())
    .addColumn("user_id", "text")
    .addPrimaryKeyConstraint("session_notes_pk", ["tenant_uid", "session_id", "note_id"])
    .addForeignKeyConstraint("session_notes_session", ["tenant_uid", "session_id"], "sessions", ["tenant_uid", "session_id"], (c) => c.onDelete("cascade"))
    .execute();
  // Notes of one instant list in the order they were written (rowid), here and on alerts.
  await addRowid(db, "session_notes");
  await db.schema
    .createTable("alerts")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("alert_id", "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("rule_name", "text", (c) => c.notNull())
    .addColumn("rule_description", "text", (c) => c.notNull())
    .addColumn("rule_type", "text", (c) => c.notNull())
    .addColumn("rule_severity", "text", (c) => c.notNull())
    .addColumn("rule_source", "text", (c) => c.notNull())
    // The actor: the tenant's user (null: an alias no user of the tenant has) and the name the events gave.
    .addColumn("actor_key", "text", (c) => c.notNull())
    .addColumn("actor_uid", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("risk_severity", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("state_modified_at", "text")
    .addColumn("state_modified_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("first_observed_at", int(db), (c) => c.notNull())
    .addColumn("last_observed_at", int(db), (c) => c.notNull())
    // The watchlists of the actor when raised ([{id, name, type, isSignificant}]).
    .addColumn("watchlists", "text", (c) => c.notNull())
    .addColumn("session_id", "text")
    .addPrimaryKeyConstraint("alerts_pk", ["tenant_uid", "alert_id"])
    .execute();
  await sql`create index alerts_created on alerts (tenant_uid, created_at, alert_id)`.execute(db);
  await sql`create index alerts_rule_actor on alerts (tenant_uid, rule_id, actor_key, first_observed_at)`.execute(db);
  await sql`create index alerts_session on alerts (tenant_uid, session_id)`.execute(db);
  // What code42cli and the SDK filter on most (an actor's alerts, the open ones, an actor's open ones), each in the
  // order of its page, newest first, so that a page and its count read only the rows they answer. Without statistics,
  // SQLite takes the index that matches the most equalities, hence the actor-and-state one.
  await sql`create index alerts_actor on alerts (tenant_uid, lower(actor_name), created_at, alert_id)`.execute(db);
  await sql`create index alerts_actor_state on alerts (tenant_uid, lower(actor_name), state, created_at, alert_id)`.execute(db);
  await sql`create index alerts_state on alerts (tenant_uid, state, created_at, alert_id)`.execute(db);
  await db.schema
    .createTable("alert_events")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("alert_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("ts", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_events_pk", ["tenant_uid", "alert_id", "event_id"])
    .addForeignKeyConstraint("alert_events_alert", ["tenant_uid", "alert_id"], "alerts", ["tenant_uid", "alert_id"], (c) => c.onDelete("cascade"))
    .execute();
  await db.schema
    .createTable("alert_notes")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("alert_id", "text", (c) => c.notNull())
    .addColumn("note_id", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_notes_pk", ["tenant_uid", "alert_id", "note_id"])
    .addForeignKeyConstraint("alert_notes_alert", ["tenant_uid", "alert_id"], "alerts", ["tenant_uid", "alert_id"], (c) => c.onDelete("cascade"))
    .execute();
  await addRowid(db, "alert_notes");
  await db.schema
    .createTable("alert_candidates")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("actor_key", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("ts", int(db), (c) => c.notNull())
    .addColumn("size", int(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_candidates_pk", ["tenant_uid", "rule_id", "actor_key", "event_id"])
    .execute();
}
