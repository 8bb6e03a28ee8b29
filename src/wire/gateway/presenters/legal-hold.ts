// Legal-hold records -> the gateway's shapes (Code42's document of 2024-09-13; the incydr SDK's legal_hold models).
// The gateway names matters, policies and users by the legacy wire's uids (matterId = legalHoldUid).
import type { components, operations } from "../../../generated/openapi.js";
import type { Created, MatterRecord, PolicyRecord } from "../../../domains/legalhold/service.js";
import type { MembershipRow } from "../../../domains/legalhold/store.js";

type Schemas = components["schemas"];
type Ok<Id extends "listGatewayLegalHoldCustodians" | "listGatewayLegalHoldUserMatters" | "addGatewayLegalHoldCustodian"> = operations[Id]["responses"][200]["content"]["application/json"];

/** First and last name as one, or null when the user has neither. */
const fullName = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(" ") || null;

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

export function presentGatewayCustodian(m: MembershipRow): Ok<"listGatewayLegalHoldCustodians">["custodians"][number] {
  return {
    userId: m.user_uid,
    username: m.username,
    name: fullName(m.first_name, m.last_name),
    email: m.email,
    membershipActive: m.active === 1,
    membershipCreationDate: m.creation_date,
  };
}

export function presentGatewayCustodianMatter(m: MembershipRow): Ok<"listGatewayLegalHoldUserMatters">["matters"][number] {
  return { matterId: m.legal_hold_uid, name: m.hold_name, membershipActive: m.active === 1, membershipCreationDate: m.creation_date };
}

export function presentGatewayMembership(m: MembershipRow): Ok<"addGatewayLegalHoldCustodian"> {
  return {
    membershipActive: m.active === 1,
    membershipCreationDate: m.creation_date,
    matter: { matterId: m.legal_hold_uid, name: m.hold_name },
    custodian: { userId: m.user_uid, username: m.username, email: m.email },
  };
}
