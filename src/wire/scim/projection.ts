// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes a resource is returned with.
// id and schemas are always returned, meta too (clients read its location). A path names a top-level attribute or
// one of its sub-attributes (`name.givenName`, `emails.value`, `urn:…:enterprise:2.0:User:department`); a filter in
// brackets (`emails[type eq "work"]`, which some test suites send) selects the attribute as a whole.
import { canonicalPath } from "./names.js";
import { ENTERPRISE_USER } from "./presenters.js";

type Json = Record<string, unknown>;
const ALWAYS = ["schemas", "id", "meta"];

function pathsOf(list: string | undefined): [string, string | undefined][] {
  if (!list) return [];
  return list
    .split(",")
    .map((raw) => canonicalPath(raw).replace(/\[[^\]]*\]/g, ""))
    .filter((p) => p !== "")
    .map((p): [string, string | undefined] => {
      // The extension's URN holds a dot ("2.0"): it names the extension, not a sub-attribute.
      if (p === ENTERPRISE_USER) return [ENTERPRISE_USER, undefined];
      if (p.startsWith(`${ENTERPRISE_USER}:`)) return [ENTERPRISE_USER, p.slice(ENTERPRISE_USER.length + 1)];
      const dot = p.indexOf(".");
      return dot < 0 ? [p, undefined] : [p.slice(0, dot), p.slice(dot + 1)];
    });
}

/** The part of a value a sub-attribute names: in an object, or in each object of a list. */
function pick(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, sub));
  if (value !== null && typeof value === "object" && sub in value) return { [sub]: (value as Json)[sub] };
  return Array.isArray(value) ? [] : undefined;
}

function merge(into: unknown, part: unknown): unknown {
  if (Array.isArray(into) && Array.isArray(part)) return part.map((p, i) => merge(into[i], p));
  if (into && typeof into === "object" && part && typeof part === "object") return { ...into, ...part };
  return part;
}

export function project<T extends Json>(resource: T, attributes?: string, excludedAttributes?: string): Json {
  const wanted = pathsOf(attributes);
  let out: Json = resource;
  if (wanted.length) {
    out = Object.fromEntries(ALWAYS.filter((k) => k in resource).map((k) => [k, resource[k]]));
    for (const [top, sub] of wanted) {
      if (!(top in resource)) continue;
      const part = sub === undefined ? resource[top] : pick(resource[top], sub);
      if (part !== undefined) out[top] = sub === undefined || !(top in out) ? part : merge(out[top], part);
    }
  }
  const excluded = pathsOf(excludedAttributes).filter(([top]) => !ALWAYS.includes(top));
  if (!excluded.length) return out;
  out = { ...out };
  for (const [top, sub] of excluded) {
    if (sub === undefined) delete out[top];
    else if (out[top] && typeof out[top] === "object" && !Array.isArray(out[top])) {
      const { [sub]: _dropped, ...rest } = out[top] as Json;
      out[top] = rest;
    } else if (Array.isArray(out[top])) out[top] = (out[top] as Json[]).map(({ [sub]: _dropped, ...rest }) => rest);
  }
  return out;
}
