// What becomes an audit event: each administrative write records one, inside the write's own transaction where it has
// one, so the trail and the change are one. Event types are Code42's (`audit_log::logged_in/1`, as the incydr SDK's
// tests show them).
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Database } from "../../db/schema.js";

export interface AuditActor {
  id: string;
  name: string;
  type: "USER" | "API_CLIENT" | "SYSTEM";
}

export interface AuditEventInput {
  tenantUid: string;
  actor: AuditActor;
  type: string;
  at: string;
  resourceId?: string | null;
  /** The event's own properties, shown beside the common ones. */
  details?: Record<string, unknown>;
}

/** The actor a caller is (no caller: the system, as a SCIM provider's pushes are). */
export function actorOf(caller: Principal | null): AuditActor {
  if (!caller) return { id: "SYSTEM", name: "SYSTEM", type: "SYSTEM" };
  return caller.kind === "user" ? { id: caller.userUid, name: caller.username, type: "USER" } : { id: caller.clientId, name: caller.clientId, type: "API_CLIENT" };
}

export async function record(db: Kysely<Database>, e: AuditEventInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      tenant_uid: e.tenantUid,
      type: e.type,
      at: e.at,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      actor_type: e.actor.type,
      actor_agent: null,
      actor_ip: null,
      resource_id: e.resourceId ?? null,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}
