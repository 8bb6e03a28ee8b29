// Attribute names are case-insensitive (RFC 7643 §2.1): what a provider sends is read under the names the emulator
// stores, once, where it comes in (bodies, PATCH paths, attribute lists), and everything after compares exactly.
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER } from "./presenters.js";

const NAMES = [
  "schemas", "id", "externalId", "meta", "userName", "name", "givenName", "familyName", "formatted", "middleName", "displayName", "nickName",
  "title", "userType", "active", "emails", "value", "type", "primary", "display", "addresses", "streetAddress", "locality", "region",
  "postalCode", "country", "phoneNumbers", "members", "employeeType", "employeeNumber", "costCenter", "organization", "division",
  "department", "manager", "created", "lastModified", "location", "resourceType", "$ref", "preferredLanguage", "locale", "timezone",
  "Operations", "op", "path",
];
const CANONICAL = new Map([...NAMES, CORE_USER, ENTERPRISE_USER, CORE_GROUP].map((n) => [n.toLowerCase(), n]));

/** A name as the emulator spells it; one it does not know is kept as sent. */
export const canonicalName = (name: string): string => CANONICAL.get(name.toLowerCase()) ?? name;

/** A body with every key spelt as the emulator spells it, at any depth (values are left alone). */
export function canonicalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [canonicalName(k), canonicalKeys(v)]));
}

/**
 * A PATCH or attribute path with its attribute names spelt as the emulator spells them: `Name.GivenName`,
 * `emails[Type eq "work"].Value`, `URN:…:User:Department`. Quoted values inside a filter stay as sent.
 */
export function canonicalPath(path: string): string {
  const trimmed = path.trim();
  for (const urn of [ENTERPRISE_USER, CORE_USER, CORE_GROUP]) {
    if (trimmed.toLowerCase() === urn.toLowerCase()) return urn;
    if (trimmed.toLowerCase().startsWith(`${urn.toLowerCase()}:`)) return `${urn}:${canonicalPath(trimmed.slice(urn.length + 1))}`;
  }
  // Words outside quotes are names, operators or literals; only names are in the table (eq, and, true… are not).
  return trimmed.replace(/"(?:[^"\\]|\\.)*"|[A-Za-z$][\w$]*/g, (token) => (token.startsWith('"') ? token : canonicalName(token)));
}
