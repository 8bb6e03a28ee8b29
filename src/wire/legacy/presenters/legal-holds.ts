// Legal-hold records -> the wire objects (code42cli's test fixtures show matters, memberships, policies, events).
import type { components } from "../../../generated/openapi.js";
import type { MatterRecord, PolicyRecord } from "../../../domains/legalhold/service.js";
import type { CreatorRow, EventRow, MembershipRow } from "../../../domains/legalhold/store.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

export type WireMatter = components["schemas"]["Matter"];
export type WireMembership = components["schemas"]["Membership"];

/** A creator that is no user of the tenant (an API client) is shown by its client id. */
function creatorOf(principal: string | null, user: CreatorRow | undefined) {
  const id = user?.user_uid ?? principal?.replace(/^client:/, "") ?? "";
  return { user, id };
}

/** The backup policy a hold applies when created with none: the service's default. */
export const DEFAULT_POLICY = {
  backupOpenFiles: true,
  compression: "ON",
  dataDeDupAutoMaxFileSizeForLan: 1000000000,
  dataDeDupAutoMaxFileSizeForWan: 1000000000,
  dataDeDuplication: "FULL",
  encryptionEnabled: true,
  scanIntervalMillis: 86400000,
  scanTime: "03:00",
  watchFiles: true,
  destinations: [],
  backupRunWindow: { alwaysRun: true, startTimeOfDay: "01:00", endTimeOfDay: "06:00", days: ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"] },
  backupPaths: { paths: [], excludePatterns: { windows: [], linux: [], macintosh: [], all: [] } },
  retentionPolicy: {
    backupFrequencyMillis: 900000,
    keepDeleted: true,
    keepDeletedMinutes: 0,
    versionLastWeekIntervalMinutes: 15,
    versionLastNinetyDaysIntervalMinutes: 1440,
    versionLastYearIntervalMinutes: 10080,
    versionPrevYearsIntervalMinutes: 43200,
  },
};

export function presentPolicy({ row: p, creator }: PolicyRecord) {
  const c = creatorOf(p.creator_user_uid, creator);
  return {
    legalHoldPolicyUid: p.policy_uid,
    name: p.name,
    creatorUser: {
      userUid: c.id,
      userId: c.user?.user_id ?? null,
      username: c.user?.username ?? c.id,
      email: c.user?.email ?? null,
      firstName: c.user?.first_name ?? null,
      lastName: c.user?.last_name ?? null,
    },
    policy: p.policy ? JSON.parse(p.policy) : DEFAULT_POLICY,
    creationDate: p.creation_date,
    modificationDate: p.modification_date,
  };
}

export function presentMatter({ row: m, creator }: MatterRecord): WireMatter {
  const c = creatorOf(m.creator_user_uid, creator);
  return {
    legalHoldUid: m.legal_hold_uid,
    name: m.name,
    description: m.description ?? "",
    notes: m.notes,
    holdExtRef: m.hold_ext_ref,
    active: m.active === 1,
    creationDate: m.creation_date,
    lastModified: m.last_modified,
    creator: { userUid: c.id, username: c.user?.username ?? c.id, email: c.user?.email ?? null, userExtRef: c.user?.user_ext_ref ?? null },
    holdPolicyUid: m.policy_uid,
  };
}

const { value, flag, object } = fieldsOf<MembershipRow>();

/** A membership as the legacy wire writes it: one declaration for a single membership and for a page SQLite writes (projection.ts). */
export const LEGACY_MEMBERSHIP: Projection<MembershipRow, WireMembership> = {
  legalHoldMembershipUid: value("membership_uid"),
  active: flag("active"),
  creationDate: value("creation_date"),
  legalHold: object({ legalHoldUid: value("legal_hold_uid"), name: value("hold_name") }),
  user: object({ userUid: value("user_uid"), username: value("username"), email: value("email"), userExtRef: value("user_ext_ref") }),
};

export const presentMembership = projector(LEGACY_MEMBERSHIP);

export function presentEvent(e: EventRow) {
  const custodian = e.custodian_user_uid
    ? {
        legalHoldMembershipUid: e.membership_uid,
        custodianUserUid: e.custodian_user_uid,
        custodianUsername: e.c_username,
        custodianFirstName: e.c_first_name,
        custodianLastName: e.c_last_name,
        custodianUserExtRef: e.c_ext_ref,
        custodianEmail: e.c_email,
      }
    : {};
  return {
    eventUid: e.event_uid,
    eventType: e.event_type,
    eventDate: e.event_date,
    legalHoldUid: e.legal_hold_uid,
    ...custodian,
    actorUserUid: e.actor_user_uid,
    actorUsername: e.a_username,
    actorFirstName: e.a_first_name,
    actorLastName: e.a_last_name,
    actorUserExtRef: e.a_ext_ref,
    actorEmail: e.a_email,
  };
}
