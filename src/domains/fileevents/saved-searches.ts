// Saved file-event searches. The public wires only read them (the gateway's v1 and v2, the legacy query service); the
// control plane and fixtures make them. Each is kept in the terms of the version it was saved with and read in the
// reader's: converted where every term has a counterpart, left out where one has not (saved-search-versions.ts). The
// legacy query service's readers (py42, code42cli) read each group's filterClause and filters, so there a search
// holding subgroup blocks is left out too.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { DomainError } from "../errors.js";
import { compileQuery, instant, valueOut, type Clause, type FileEventQuery, type QueryGroup } from "./query.js";
import { SavedSearchStore, type SavedSearchRow, type SearchAuthor } from "./saved-search-store.js";
import { convertQuery } from "./saved-search-versions.js";
import { FileEventIntakeError, fileEventReader, resolver, type TermVersion } from "./service.js";

/** A saved search as the gateway answers it (the SDK's SavedSearch model), its query in the terms of its reader. */
export interface SavedSearch {
  id: string;
  name: string;
  notes: string | null;
  /** The version of the terms it was saved with. */
  apiVersion: number;
  columns: string[] | null;
  createdByUID: string;
  createdByUsername: string;
  creationTimestamp: string;
  modifiedByUID: string;
  modifiedByUsername: string;
  modifiedTimestamp: string;
  groupClause: Clause;
  groups: FileEventQuery["groups"];
  srtDir: "asc" | "desc";
  srtKey: string | null;
  tenantId: string;
}

/** A search as the control plane and fixtures give it (the fixture format's savedSearch). */
export interface SavedSearchInput {
  id?: string;
  name: string;
  notes?: string | null;
  apiVersion?: 1 | 2;
  columns?: string[] | null;
  groupClause?: Clause;
  groups: object[];
  srtKey?: string | null;
  srtDir?: "asc" | "desc";
  /** A username of the tenant; with createdByUid too, both are taken as they are (the user may be gone). */
  createdBy?: string;
  createdByUid?: string;
  createdAt?: string;
  modifiedBy?: string;
  modifiedByUid?: string;
  modifiedAt?: string;
}

export interface SavedSearchReading {
  version: TermVersion;
  /** Only searches made of filter groups (the legacy query service's readers). */
  plainGroups?: boolean;
}

const versionOf = (apiVersion: number): TermVersion => (apiVersion === 1 ? "v1" : "v2");
const isBlock = (g: QueryGroup) => Array.isArray(g.subgroups);
const refuse = (message: string) => new FileEventIntakeError("invalid", message);
const anObject = (v: unknown, where: string): Record<string, unknown> => {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw refuse(`${where} is not an object`);
  return v as Record<string, unknown>;
};

/**
 * The groups as they are kept and answered: a filter group's clause made explicit (py42 reads it), values as the
 * answers carry them (strings, string lists or null), the console's `display` notes kept, nothing else.
 */
function normalGroup(raw: unknown, where: string): QueryGroup {
  const g = anObject(raw, where);
  const display = "display" in g ? { display: g.display as string | null } : {};
  if (Array.isArray(g.subgroups)) return { subgroupClause: (g.subgroupClause as Clause | undefined) ?? "AND", subgroups: g.subgroups.map((s, i) => normalGroup(s, `${where}.subgroups[${i}]`)), ...display };
  const filters = (Array.isArray(g.filters) ? g.filters : []).map((f, i) => anObject(f, `${where}.filters[${i}]`));
  return {
    filterClause: (g.filterClause as Clause | undefined) ?? "AND",
    filters: filters.map((f) => ({ operator: f.operator as string, term: f.term as string, value: valueOut(f.value), ...("display" in f ? { display: f.display as string | null } : {}) })),
    ...display,
  };
}

function wireOf(row: SavedSearchRow): SavedSearch {
  return {
    id: row.search_id,
    name: row.name,
    notes: row.notes,
    apiVersion: row.api_version,
    columns: row.columns === null ? null : (JSON.parse(row.columns) as string[]),
    createdByUID: row.created_by_uid,
    createdByUsername: row.created_by_username,
    creationTimestamp: row.created_at,
    modifiedByUID: row.modified_by_uid,
    modifiedByUsername: row.modified_by_username,
    modifiedTimestamp: row.modified_at,
    groupClause: row.group_clause,
    groups: JSON.parse(row.groups) as QueryGroup[],
    srtDir: row.srt_dir,
    srtKey: row.srt_key,
    tenantId: row.tenant_uid,
  };
}

/** The tenant's searches as the fixture format writes them: everything named, so they load back the same. */
export async function exportSavedSearches(db: Kysely<Database>, tenantUid: string): Promise<SavedSearchInput[]> {
  return (await new SavedSearchStore(db).list(tenantUid)).map((r) => ({
    id: r.search_id,
    name: r.name,
    ...(r.notes === null ? {} : { notes: r.notes }),
    apiVersion: r.api_version,
    ...(r.columns === null ? {} : { columns: JSON.parse(r.columns) as string[] }),
    groupClause: r.group_clause,
    groups: JSON.parse(r.groups) as object[],
    ...(r.srt_key === null ? {} : { srtKey: r.srt_key }),
    srtDir: r.srt_dir,
    createdBy: r.created_by_username,
    createdByUid: r.created_by_uid,
    createdAt: r.created_at,
    modifiedBy: r.modified_by_username,
    modifiedByUid: r.modified_by_uid,
    modifiedAt: r.modified_at,
  }));
}

export class SavedSearchService {
  private readonly store: SavedSearchStore;

  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {
    this.store = new SavedSearchStore(db);
  }

  /** The search as its reader reads it, or undefined when it cannot be put in the reader's terms. */
  private read(row: SavedSearchRow, reading: SavedSearchReading): SavedSearch | undefined {
    const search = wireOf(row);
    const read = versionOf(search.apiVersion) === reading.version ? search : convertQuery(search, reading.version);
    if (read && reading.plainGroups && read.groups.some(isBlock)) return undefined;
    return read;
  }

  /** The tenant's saved searches in the order they were made. */
  async list(caller: Principal, reading: SavedSearchReading): Promise<SavedSearch[]> {
    const tenantUid = fileEventReader(caller);
    return (await this.store.list(tenantUid)).map((r) => this.read(r, reading)).filter((s): s is SavedSearch => s !== undefined);
  }

  /** A search the tenant lacks, or one its reader cannot read in its terms, is not found. */
  async get(caller: Principal, reading: SavedSearchReading, id: string): Promise<SavedSearch> {
    const tenantUid = fileEventReader(caller);
    const row = await this.store.get(tenantUid, id);
    const found = row && this.read(row, reading);
    if (!found) throw new DomainError("SAVED_SEARCH_NOT_FOUND", `Saved search ${id} not found`);
    return found;
  }

  /**
   * Stores searches for a tenant, all or none, each checked as the search service would run it: its groups, sort
   * key and columns in the terms of its apiVersion. Answers their ids in order.
   */
  async add(tenantUid: string, given: SavedSearchInput[]): Promise<string[]> {
    if (!(await this.store.tenantExists(tenantUid))) throw new FileEventIntakeError("notFound", `Tenant ${tenantUid} not found`);
    const rows: SavedSearchRow[] = [];
    for (const [i, s] of given.entries()) rows.push(await this.rowOf(tenantUid, s, `searches[${i}]`));
    const ids = rows.map((r) => r.search_id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw new FileEventIntakeError("conflict", `Saved search ${twice} is given twice`);
    const held = await this.store.existingIds(tenantUid, ids);
    if (held.length) throw new FileEventIntakeError("conflict", `The tenant holds saved search ${held[0]} already`);
    await this.store.insert(rows);
    return ids;
  }

  /** false: the tenant holds no such search. */
  async remove(tenantUid: string, id: string): Promise<boolean> {
    if (!(await this.store.tenantExists(tenantUid))) throw new FileEventIntakeError("notFound", `Tenant ${tenantUid} not found`);
    return this.store.delete(tenantUid, id);
  }

  private async rowOf(tenantUid: string, s: SavedSearchInput, where: string): Promise<SavedSearchRow> {
    if (typeof s.name !== "string" || s.name.trim() === "") throw refuse(`${where}: name must be a non-empty string`);
    if (s.id !== undefined && (typeof s.id !== "string" || s.id === "")) throw refuse(`${where}: id must be a non-empty string`);
    const apiVersion = s.apiVersion ?? 2;
    const version = versionOf(apiVersion);
    if (!Array.isArray(s.groups)) throw refuse(`${where}: groups must be a list`);
    const groups = s.groups.map((g, i) => normalGroup(g, `${where}.groups[${i}]`));
    const groupClause = s.groupClause ?? "AND";
    // Compiled for its problems only (the SQL is not run): SQLite's is as good as any engine's.
    const resolve = resolver(version, "sqlite");
    const { problems } = compileQuery({ groupClause, groups }, { now: this.clock.now(), resolve, dialect: "sqlite" });
    const known = (term: string) => resolve(term) !== undefined;
    if (s.srtKey != null && !known(s.srtKey)) problems.push({ type: "ILLEGAL_SORT", badFilter: null, description: `Unknown sort key: ${s.srtKey}` });
    for (const c of s.columns ?? []) if (!known(c)) problems.push({ type: "ILLEGAL_VALUE", badFilter: null, description: `Unknown column: ${c}` });
    if (problems.length) throw refuse(`${where} (${version} terms): ${problems.map((p) => p.description).join("; ")}`);

    const author = async (username: string | undefined, uid: string | undefined, role: string): Promise<SearchAuthor> => {
      if (username !== undefined && uid !== undefined) return { uid, username };
      const found = await this.store.author(tenantUid, { username, uid });
      if (found) return found;
      if (username === undefined && uid === undefined) throw refuse(`${where}: the tenant has no user to have made it; name one with ${role}`);
      throw refuse(`${where}: ${role}: no user ${username ?? uid} in the tenant`);
    };
    const stamp = (v: string | undefined, key: string) => {
      if (v === undefined) return undefined;
      const at = instant(v);
      if (at === undefined) throw refuse(`${where}: ${key} is not an ISO-8601 instant`);
      return at;
    };
    const created = await author(s.createdBy, s.createdByUid, "createdBy");
    const modified = s.modifiedBy === undefined && s.modifiedByUid === undefined ? created : await author(s.modifiedBy, s.modifiedByUid, "modifiedBy");
    const createdAt = stamp(s.createdAt, "createdAt") ?? this.clock.isoNow();
    return {
      tenant_uid: tenantUid,
      search_id: s.id ?? this.ids.uuid(),
      name: s.name,
      notes: s.notes ?? null,
      api_version: apiVersion,
      columns: s.columns ? JSON.stringify(s.columns) : null,
      group_clause: groupClause,
      groups: JSON.stringify(groups),
      srt_key: s.srtKey ?? null,
      srt_dir: s.srtDir ?? "desc",
      created_by_uid: created.uid,
      created_by_username: created.username,
      created_at: createdAt,
      modified_by_uid: modified.uid,
      modified_by_username: modified.username,
      modified_at: stamp(s.modifiedAt, "modifiedAt") ?? createdAt,
    };
  }
}
