// Legal-hold records -> the gateway's shapes (Code42's document of 2024-09-13; the incydr SDK's legal_hold models).
// The gateway names matters, policies and users by the legacy wire's uids (matterId = legalHoldUid).
import type { components, operations } from "../../../generated/openapi.js";
import type { Created, MatterRecord, PolicyRecord } from "../../../domains/legalhold/service.js";
import type { MembershipRow } from "../../../domains/legalhold/store.js";
import { fieldsOf, projector, wordsOf, type Projection } from "../../../projection.js";

type Schemas = components["schemas"];
type Ok<Id extends "listGatewayLegalHoldCustodians" | "listGatewayLegalHoldUserMatters" | "addGatewayLegalHoldCustodian"> = operations[Id]["responses"][200]["content"]["application/json"];

/** First and last name as one, or null when the user has neither. */
const fullName = (first: string | null, last: string | null) => wordsOf([first, last]);

/** Who made a policy or matter: a user (creator and principal), an API client (principal only), or the fixtures (neither). */
function creatorsOf({ creator: user, client }: Created<unknown>) {
  const creator: Schemas["GatewayLegalHoldCreatorUser"] = user ? { userId: user.user_uid, username: user.username } : null;
  const principal: Schemas["GatewayLegalHoldCreatorPrincipal"] = user
    ? { type: "USER", principalId: user.user_uid, displayName: fullName(user.first_name, user.last_name) ?? user.username }
    : client
      ? { type: "API_KEY", principalId: client.client_id, displayName: client.name }
      : null;
  return { creator, principal };
}

export function presentGatewayMatter(record: MatterRecord): Schemas["GatewayLegalHoldMatter"] {
  const m = record.row;
  const { creator, principal } = creatorsOf(record);
  return {
    matterId: m.legal_hold_uid,
    name: m.name,
    // As the legacy wire, and as the SDK's recorded answer shows for a matter made with none.
    description: m.description ?? "",
    notes: m.notes,
    active: m.active === 1,
    creationDate: m.creation_date,
    policyId: m.policy_uid,
    creator,
    creatorPrincipal: principal,
  };
}

export function presentGatewayPolicy(record: PolicyRecord): Schemas["GatewayLegalHoldPolicy"] {
  const p = record.row;
  const { creator, principal } = creatorsOf(record);
  return { policyId: p.policy_uid, name: p.name, creationDate: p.creation_date, modificationDate: p.modification_date, creatorUser: creator, creatorPrincipal: principal };
}

const { value, flag, words, object } = fieldsOf<MembershipRow>();

/** A matter's custodian: one declaration for a page SQLite writes and, on PostgreSQL, for each membership (projection.ts). */
export const GATEWAY_CUSTODIAN: Projection<MembershipRow, Ok<"listGatewayLegalHoldCustodians">["custodians"][number]> = {
  userId: value("user_uid"),
  username: value("username"),
  // fullName, as a page SQLite writes it too.
  name: words("first_name", "last_name"),
  email: value("email"),
  membershipActive: flag("active"),
  membershipCreationDate: value("creation_date"),
};

/** A user's matter. */
export const GATEWAY_CUSTODIAN_MATTER: Projection<MembershipRow, Ok<"listGatewayLegalHoldUserMatters">["matters"][number]> = {
  matterId: value("legal_hold_uid"),
  name: value("hold_name"),
  membershipActive: flag("active"),
  membershipCreationDate: value("creation_date"),
};

const GATEWAY_MEMBERSHIP: Projection<MembershipRow, Ok<"addGatewayLegalHoldCustodian">> = {
  membershipActive: flag("active"),
  membershipCreationDate: value("creation_date"),
  matter: object({ matterId: value("legal_hold_uid"), name: value("hold_name") }),
  custodian: object({ userId: value("user_uid"), username: value("username"), email: value("email") }),
};

export const presentGatewayMembership = projector(GATEWAY_MEMBERSHIP);
