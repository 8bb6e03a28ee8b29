// A tenant's alert rules as the fixture format gives them, so that loading the state export back makes the same rules
// (ids, times, users by the uid they were added for, watchlists by id).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { FixtureAlertRule } from "../../fixtures/format.js";
import type { AlertRuleRecord } from "./records.js";
import { UserStore } from "../users/store.js";
import { AlertRuleStore } from "./store.js";

export async function exportAlertRules(db: Kysely<Database>, tenantUid: string): Promise<FixtureAlertRule[]> {
  const rules = await new AlertRuleStore(db).all(tenantUid);
  const uids = [...new Set(rules.flatMap((r) => (r.users?.entries ?? []).flatMap((e) => e.userUid ?? [])))];
  const usernames = await new UserStore(db).usernames(tenantUid, uids);
  return rules.map((r) => exported(r, usernames));
}

function exported(r: AlertRuleRecord, usernames: Map<string, string>): FixtureAlertRule {
  const { vectors, filters, notifications, education, alertOnBlockedBrowserActivity, v1, usersOrder, watchlistsOrder } = r.criteria;
  return {
    name: r.name,
    id: r.id,
    type: r.type,
    severity: r.severity,
    enabled: r.enabled,
    ...(r.description ? { description: r.description } : {}),
    source: r.source,
    ...(r.users
      ? {
          users: {
            mode: r.users.mode,
            criteriaOrder: usersOrder,
            // A username that names its own user stays a plain string; anything else says whom it is for.
            usernames: r.users.entries.map((e) => (e.userUid === null ? { alias: e.alias, user: null } : usernames.get(e.userUid) === e.alias ? e.alias : { alias: e.alias, userUid: e.userUid })),
          },
        }
      : {}),
    ...(r.watchlistIds.length ? { watchlists: r.watchlistIds, watchlistsOrder } : {}),
    vectors: vectors as FixtureAlertRule["vectors"],
    filters: { ...filters, ...(r.fileVolume ? { fileVolume: r.fileVolume } : {}) },
    ...(notifications ? { notifications: notifications as unknown as Record<string, unknown> } : {}),
    ...(education ? { education: education as unknown as Record<string, unknown> } : {}),
    alertOnBlockedBrowserActivity,
    timeWindow: v1.timeWindow,
    syncedToCloudService: v1.syncedToCloudService,
    googleDrivePublicOnTheWeb: v1.googleDrivePublicOnTheWeb,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    modifiedAt: r.modifiedAt,
    modifiedBy: r.modifiedBy,
  };
}
