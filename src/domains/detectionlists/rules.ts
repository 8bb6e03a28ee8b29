// The detection-list rules that hold however a change arrives (API, fixtures, user creation):
// profiles start with the username as a cloud alias, at most two aliases, risk factors without repeats.
import type { Clock } from "../../clock.js";
import type { Insertable } from "kysely";
import type { DetectionList, DetectionProfilesTable } from "../../db/schema.js";
import { setScimAttributesOf, type ScimColumns } from "../users/scim-attributes.js";
import { DomainError } from "../errors.js";
import type { DetectionListStore, ScimUserRow } from "./store.js";
import { createdAt } from "./timestamps.js";

export const MAX_CLOUD_USERNAMES = 2;

export interface ProfileInit {
  notes?: string | null;
  riskFactors?: string[] | null;
  cloudUsernames?: string[] | null;
  /** YYYY-MM-DD: the risk profile's start date. */
  startDate?: string | null;
  /** YYYY-MM-DD: the departing list's departure date is this. */
  endDate?: string | null;
}

const unique = (values: string[]) => [...new Set(values)];

export function withCloudUsernames(current: string[], added: string[]): string[] {
  const merged = unique([...current, ...added]);
  if (merged.length > MAX_CLOUD_USERNAMES) throw new DomainError("LIST_VALUE_INVALID", `Cloud usernames must be less than or equal to ${MAX_CLOUD_USERNAMES}`);
  return merged;
}

export const without = (current: string[], removed: string[]) => current.filter((v) => !removed.includes(v));

/** The SCIM attributes of a Code42 user that are set: what a profile snapshots. */
export function scimSnapshot(u: ScimColumns) {
  return setScimAttributesOf(u);
}

/** The Code42 user a profile is made for: its username and the SCIM attributes the profile snapshots. */
export type ProfileUser = Pick<ScimUserRow, "user_uid" | "username"> & ScimColumns;

/** The row createProfile writes (fixture loading writes it through its own prepared statement); risk factors are
 * watchlist inclusions, written after it. */
export function profileRow(tenantUid: string, user: ProfileUser, init: ProfileInit, createdAt: string): Insertable<DetectionProfilesTable> {
  return {
    tenant_uid: tenantUid,
    user_uid: user.user_uid,
    notes: init.notes ?? null,
    cloud_usernames: JSON.stringify(withCloudUsernames(init.cloudUsernames ?? [], [user.username])),
    scim: JSON.stringify(scimSnapshot(user)),
    created_at: createdAt,
    start_date: init.startDate ?? null,
    end_date: init.endDate ?? null,
  };
}

/** Detection-list operations over one store (one transaction): no authorization, no presentation. */
export class DetectionLists {
  constructor(
    readonly store: DetectionListStore,
    private readonly clock: Clock,
  ) {}

  /** A profile for a Code42 user: aliases given first, then the username (as the service lists them). */
  async createProfile(tenantUid: string, user: ProfileUser, init: ProfileInit = {}): Promise<void> {
    await this.store.insertProfile(profileRow(tenantUid, user, init, this.clock.isoNow()));
    if (init.riskFactors?.length) await this.addRiskFactors(tenantUid, user.user_uid, init.riskFactors);
  }

  addRiskFactors(tenantUid: string, userUid: string, factors: string[]) {
    return this.store.addRiskFactors(tenantUid, userUid, factors, () => createdAt(this.clock.now()));
  }

  /** Puts a user with a profile on a list; `at` backdates the entry (ms, or a createdAt kept from an export). */
  addEntry(tenantUid: string, list: DetectionList, userUid: string, at: number | string = this.clock.now()) {
    return this.store.insertEntry(tenantUid, list, userUid, typeof at === "string" ? at : createdAt(at));
  }
}
