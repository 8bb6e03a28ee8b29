// The tenant's directory as identity providers describe it: department names and pushed groups, for naming them in
// watchlists. Read-only: providers change them through SCIM, fixtures load them.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database } from "../../db/schema.js";
import { UntilChange } from "../../db/until-change.js";
import { DomainError } from "../errors.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";
import { DirectoryStore, type DirectoryGroup } from "./store.js";

export type { DirectoryGroup } from "./store.js";

export interface DirectoryQuery {
  /** Keeps the names that contain it, case aside. */
  name?: string;
  /** From 1. */
  page: number;
  pageSize: number;
}

export interface DirectoryPage<T> {
  items: T[];
  /** How many match the name, on every page. */
  totalCount: number;
}

function pageOf<T>(all: T[], nameOf: (item: T) => string, q: DirectoryQuery): DirectoryPage<T> {
  const needle = q.name?.toLowerCase();
  const matching = needle ? all.filter((item) => nameOf(item).toLowerCase().includes(needle)) : all;
  const start = (q.page - 1) * q.pageSize;
  return { items: matching.slice(start, start + q.pageSize), totalCount: matching.length };
}

export class DirectoryService {
  private readonly store: DirectoryStore;
  // A client walks the pages one call each; the names are read once per tenant until the next write.
  private readonly departmentsKept: UntilChange<string[]>;
  private readonly groupsKept: UntilChange<DirectoryGroup[]>;

  constructor(db: Kysely<Database>, changes: ChangeCounter) {
    this.store = new DirectoryStore(db);
    this.departmentsKept = new UntilChange(changes);
    this.groupsKept = new UntilChange(changes);
  }

  async departments(caller: Principal, q: DirectoryQuery): Promise<DirectoryPage<string>> {
    const tenantUid = authorize(caller);
    return pageOf(await this.departmentsKept.through(tenantUid, () => this.store.departments(tenantUid)), (d) => d, q);
  }

  async groups(caller: Principal, q: DirectoryQuery): Promise<DirectoryPage<DirectoryGroup>> {
    const tenantUid = authorize(caller);
    return pageOf(await this.groupsKept.through(tenantUid, () => this.store.groups(tenantUid)), (g) => g.name, q);
  }
}

/** The whole tenant's directory is an administrator's, as the detection lists (the watchlists' forerunners) are. */
function authorize(caller: Principal): string {
  if (!caller.roles.has(CUSTOMER_CLOUD_ADMIN)) throw new DomainError("FORBIDDEN", "The Customer Cloud Admin role is required for the directory");
  return caller.tenantUid;
}
