// What a trusted activity may be, as Code42's service refuses it: the five types of the 2024 document, a value of the
// type's form, at most 250 characters of description (py42's DESCRIPTION_TOO_LONG), and action groups of the type's
// actions and each action's providers (the document's tables, plus the incydr SDK's USER_ACCOUNT_UPLOAD to browser
// destinations).
import { DomainError } from "../errors.js";

export const ACTIVITY_TYPES = ["ACCOUNT_NAME", "DOMAIN", "GIT_REPOSITORY_URI", "SLACK", "URL_PATH"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityAction {
  type: string;
  providers: { name: string }[] | null;
}
export interface ActivityActionGroup {
  name: string;
  activityActions: ActivityAction[];
}

export const MAX_DESCRIPTION = 250;
const MAX_VALUE = 255;

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN = `(?:\\*\\.)?(?:${LABEL}\\.)+[a-z]{2,63}`;
const VALUE_FORMS: Record<ActivityType, RegExp> = {
  DOMAIN: new RegExp(`^${DOMAIN}$`, "i"),
  // A domain and the part of it trusted ("github.com/company"); a bare domain trusts all of it.
  URL_PATH: new RegExp(`^${DOMAIN}(?::\\d{1,5})?(?:/[^\\s]*)?$`, "i"),
  // "bitbucket.org:exampleent/myrepo", "github.com/org/repo", "https://…", "git@host:org/repo".
  GIT_REPOSITORY_URI: new RegExp(`^(?:(?:https?|ssh|git)://)?(?:[^@\\s/]+@)?${DOMAIN}(?::\\d{1,5})?[:/][^\\s]+$`, "i"),
  // A workspace or account name: printable, no markup or path characters.
  SLACK: /^[^\u0000-\u001f\u007f<>"\\/]+$/u,
  ACCOUNT_NAME: /^[^\u0000-\u001f\u007f<>"\\]+$/u,
};

const DOMAIN_ACTIONS: Record<string, readonly string[]> = {
  CLOUD_SHARE: ["BOX", "GOOGLE_DRIVE", "ONE_DRIVE"],
  CLOUD_SYNC: ["BOX", "GOOGLE_DRIVE", "ICLOUD", "ONE_DRIVE"],
  EMAIL: ["GMAIL", "OFFICE_365", "GOOGLE_DRIVE"],
  FILE_TRANSFER: [],
  FILE_UPLOAD: [],
  GIT_PUSH: [],
  USER_ACCOUNT_UPLOAD: ["AIRTABLE", "AMAZON_WEB_SERVICES", "BLACKBOX", "BOX", "CHATGPT", "CLAUDE", "CONCUR", "CURSOR", "DROPBOX", "GOOGLE_WORKSPACE", "MICROSOFT_365", "NOTTA", "OTTER", "PERPLEXITY", "SLACK", "YOU_DOT_COM"],
};
/** The actions each type may be trusted for, and each action's providers (none listed: it takes none). */
const ACTIONS: Record<ActivityType, Record<string, readonly string[]>> = {
  DOMAIN: DOMAIN_ACTIONS,
  ACCOUNT_NAME: { CLOUD_SYNC: ["DROPBOX", "ONE_DRIVE"] },
  GIT_REPOSITORY_URI: { GIT_PUSH: [] },
  SLACK: {},
  URL_PATH: {},
};

const group = (activityActions: ActivityAction[]): ActivityActionGroup[] => [{ name: "DEFAULT", activityActions }];
const action = (type: string, providers: string[] | null = null): ActivityAction => ({ type, providers: providers && providers.map((name) => ({ name })) });

/**
 * The groups a type gets when none are given (a DOMAIN "implicitly", the document says; the legacy wire gives none):
 * every action the type has, with every provider.
 */
export function defaultGroups(type: ActivityType): ActivityActionGroup[] {
  switch (type) {
    case "DOMAIN":
      return group([action("FILE_UPLOAD"), action("GIT_PUSH"), action("CLOUD_SYNC", ["BOX", "ICLOUD", "GOOGLE_DRIVE", "ONE_DRIVE"]), action("CLOUD_SHARE", ["BOX", "GOOGLE_DRIVE", "ONE_DRIVE"]), action("EMAIL", ["GMAIL", "OFFICE_365"])]);
    case "ACCOUNT_NAME":
      return group([action("CLOUD_SYNC", ["DROPBOX", "ONE_DRIVE"])]);
    case "GIT_REPOSITORY_URI":
      return group([action("GIT_PUSH", [])]);
    default:
      return [];
  }
}

const invalid = (message: string) => new DomainError("TRUSTED_ACTIVITY_INVALID", message);

export function checkType(type: string): ActivityType {
  if (!(ACTIVITY_TYPES as readonly string[]).includes(type)) throw invalid(`Unknown trusted activity type: ${type}`);
  return type as ActivityType;
}

/** The value, trimmed, when it has the type's form. */
export function checkValue(type: ActivityType, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalid("A trusted activity needs a value");
  if (trimmed.length > MAX_VALUE || !VALUE_FORMS[type].test(trimmed)) throw new DomainError("TRUSTED_VALUE_INVALID", `Invalid characters in the value of a ${type} trusted activity: ${trimmed}`, { value: trimmed });
  return trimmed;
}

export function checkDescription(description: string | null): string | null {
  if (description !== null && description.length > MAX_DESCRIPTION) throw new DomainError("DESCRIPTION_TOO_LONG", `Description limit exceeded, max ${MAX_DESCRIPTION} characters allowed`);
  return description;
}

/** The groups, checked against the type's actions and providers; a type that must have some refuses none. */
export function checkGroups(type: ActivityType, groups: ActivityActionGroup[]): ActivityActionGroup[] {
  const allowed = ACTIONS[type];
  if ((type === "SLACK" || type === "URL_PATH") && groups.some((g) => g.activityActions.length > 0)) throw invalid(`A ${type} trusted activity takes no activity actions`);
  if ((type === "ACCOUNT_NAME" || type === "GIT_REPOSITORY_URI") && !groups.some((g) => g.activityActions.length > 0)) throw invalid(`A ${type} trusted activity needs at least one activity action group`);
  for (const g of groups) {
    if (g.name !== "DEFAULT") throw invalid(`Unknown activity action group: ${g.name}`);
    for (const a of g.activityActions) {
      const providers = allowed[a.type];
      if (!providers) throw invalid(`A ${type} trusted activity cannot be trusted for ${a.type}`);
      for (const p of a.providers ?? []) if (!providers.includes(p.name)) throw invalid(`${p.name} is not a provider of ${a.type} for a ${type} trusted activity`);
      if (type === "ACCOUNT_NAME" && !a.providers?.length) throw invalid(`${a.type} of an ACCOUNT_NAME trusted activity needs a provider`);
    }
  }
  return groups;
}
