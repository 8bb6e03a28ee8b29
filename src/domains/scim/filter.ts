// The SCIM filters identity providers send when they look a user up: `attr eq "value"`, joined by `and`
// (Okta: userName eq; Entra: externalId eq, emails[type eq "work"].value eq). Anything else is invalidFilter.
import { invalidFilter } from "./errors.js";

export interface Comparison {
  /** Lower-cased attribute path, e.g. "username", "externalid", "emails[type eq \"work\"].value". */
  attribute: string;
  value: string | boolean;
}

const TOKEN = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"[]+(?:\[[^\]]*\])?[^\s()"]*)/y;

function tokenize(filter: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < filter.length && (m = TOKEN.exec(filter))) out.push(m[1]!);
  if (TOKEN.lastIndex < filter.trimEnd().length) throw invalidFilter(`Cannot parse the filter: ${filter}`);
  return out;
}

/** Parses `a eq "x" and (b eq "y")` into the comparisons that must all hold. */
export function parseFilter(filter: string): Comparison[] {
  const tokens = tokenize(filter.trim());
  let i = 0;
  const term = (): Comparison[] => {
    if (tokens[i] === "(") {
      i++;
      const inner = expr();
      if (tokens[i++] !== ")") throw invalidFilter(`Unbalanced parentheses in: ${filter}`);
      return inner;
    }
    const [attribute, op, raw] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!attribute || !op || raw === undefined) throw invalidFilter(`Incomplete filter: ${filter}`);
    if (op.toLowerCase() !== "eq") throw invalidFilter(`Only the eq operator is supported, not ${op}`);
    i += 3;
    let value: string | boolean;
    if (raw.startsWith('"')) value = JSON.parse(raw) as string;
    else if (raw === "true" || raw === "false") value = raw === "true";
    else throw invalidFilter(`Compare with a quoted string or a boolean, not ${raw}`);
    return [{ attribute: attribute.toLowerCase().replace(/\s+/g, " "), value }];
  };
  const expr = (): Comparison[] => {
    const all = term();
    while (tokens[i]?.toLowerCase() === "and") {
      i++;
      all.push(...term());
    }
    if (tokens[i]?.toLowerCase() === "or") throw invalidFilter("The or operator is not supported");
    return all;
  };
  const result = expr();
  if (i !== tokens.length) throw invalidFilter(`Unexpected "${tokens[i]}" in: ${filter}`);
  return result;
}
