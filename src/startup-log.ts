// What start-up tells a person: what each fixture held (or what an existing database holds), and how a large
// fixture's load is coming along.
import { isAbsolute, relative } from "node:path";
import { sql, type Kysely } from "kysely";
import type { Database } from "./db/schema.js";
import type { FixtureDocument, FixtureOrg } from "./fixtures/format.js";
import { digestOf } from "./fixtures/users.js";
import type { Logger } from "./logger.js";

/** What a start-up says it loaded: the things a suite reaches for, in the order they nest. */
interface Counts {
  tenants: number;
  orgs: number;
  users: number;
  devices: number;
  legalHolds: number;
  apiClients: number;
  scimProviders: number;
}

const NOUNS: [keyof Counts, string][] = [
  ["tenants", "tenant"],
  ["orgs", "org"],
  ["users", "user"],
  ["devices", "device"],
  ["legalHolds", "legal hold"],
  ["apiClients", "API client"],
  ["scimProviders", "SCIM provider"],
];

const number = new Intl.NumberFormat("en-US");

/** `1 tenant, 2 orgs, 9 users`: what there is, nothing of what there is none of. */
export function described(counts: Counts): string {
  return (
    NOUNS.filter(([key]) => counts[key] > 0)
      .map(([key, noun]) => `${number.format(counts[key])} ${noun}${counts[key] === 1 ? "" : "s"}`)
      .join(", ") || "nothing"
  );
}

export function documentCounts(doc: FixtureDocument): Counts {
  const orgs = (list: FixtureOrg[] = []): number => list.reduce((n, o) => n + 1 + orgs(o.children), 0);
  const counts: Counts = { tenants: 0, orgs: 0, users: 0, devices: 0, legalHolds: 0, apiClients: 0, scimProviders: 0 };
  for (const t of doc.tenants ?? []) {
    counts.tenants++;
    counts.orgs += orgs(t.orgs);
    const users = digestOf(t);
    counts.users += users.count;
    counts.devices += users.devices;
    counts.legalHolds += t.legalHolds?.length ?? 0;
    counts.apiClients += t.apiClients?.length ?? 0;
    counts.scimProviders += t.scimProviders?.length ?? 0;
  }
  return counts;
}

export async function stateCounts(db: Kysely<Database>): Promise<Counts> {
  const count = (table: keyof Database) => sql<number>`(select count(*) from ${sql.table(table)})`;
  return db
    .selectNoFrom([
      count("tenants").as("tenants"),
      count("orgs").as("orgs"),
      count("users").as("users"),
      count("devices").as("devices"),
      count("legal_holds").as("legalHolds"),
      count("api_clients").as("apiClients"),
      count("scim_providers").as("scimProviders"),
    ])
    .executeTakeFirstOrThrow();
}

/** A fixture path as given, or relative to the working directory when it is under it. */
export function shown(path: string): string {
  const below = relative(process.cwd(), path);
  return below && !below.startsWith("..") && !isAbsolute(below) ? below : path;
}

/** Says a large fixture file is being read and checked, which takes seconds before its load's first progress line. */
export function readingLine(logger: Logger, file: string, bytes: number): void {
  logger.info({ fixture: file, bytes }, `reading ${file} (${number.format(Math.round(bytes / 1e6))} MB)`);
}

/** Answers a load's progress callback: a line when `intervalMs` has passed since the last (or the start). */
export function progressLine(logger: Logger, file: string, total: number, intervalMs: number): (users: number) => void {
  let due = performance.now() + intervalMs;
  return (users) => {
    const now = performance.now();
    if (now < due) return;
    due = now + intervalMs;
    logger.info({ fixture: file, users, of: total }, `loading ${file}: ${number.format(users)} of ${number.format(total)} users`);
  };
}
