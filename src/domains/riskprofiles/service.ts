// User risk profiles (Code42's successor of the detection-list profile): read for every user of the tenant, changed
// through the same stored profile the detection lists show. The end date is the departing list's departure date.
import type { Kysely } from "kysely";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import { UntilChange } from "../../db/until-change.js";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import { isPostgres } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
import { jsonTextsOf, type Projection } from "../../projection.js";
import { DetectionLists, withCloudUsernames, without } from "../detectionlists/rules.js";
import { DetectionListStore } from "../detectionlists/store.js";
import { DomainError } from "../errors.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";
import { RiskProfileStore, type RiskProfileFilter, type RiskProfileRow } from "./store.js";

/** The fields a change names: each given is set (null clears it), each left out stays. Dates are YYYY-MM-DD. */
export interface RiskProfileChanges {
  notes?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

export interface RiskProfilePage {
  totalCount: number;
  profiles: RiskProfileRecord[];
}

/** A user's risk profile: the store's row, its cloud aliases among its columns (`cloud_aliases`, JSON text). */
export type RiskProfileRecord = RiskProfileRow;

/** A page as a wire's projection of its profiles wrote it (projection.ts): each profile's JSON, and how many there are. */
export interface RiskProfilePageJson {
  totalCount: number;
  json: string[];
}

/** The aliases the store read (its `cloudAliases` says which). */
export const cloudAliasesOf = (row: { cloud_aliases: string }): string[] => JSON.parse(row.cloud_aliases) as string[];

export class RiskProfileService {
  private readonly profiles: RiskProfileStore;

  // A client walks the profiles page by page; counting the tenant's users is most of a page's work, and true until a write.
  private readonly counts: UntilChange<number>;
  private readonly boundaries: PageBoundaries<number>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    changes: ChangeCounter,
  ) {
    this.profiles = new RiskProfileStore(db);
    this.counts = new UntilChange(changes);
    this.boundaries = new PageBoundaries(changes);
  }

  /** The whole tenant's profiles are an administrator's, as the detection lists are. */
  private authorize(caller: Principal): string {
    if (!caller.roles.has(CUSTOMER_CLOUD_ADMIN)) throw new DomainError("FORBIDDEN", "The Customer Cloud Admin role is required for risk profiles");
    return caller.tenantUid;
  }

  async list(caller: Principal, filter: RiskProfileFilter, page: number, pageSize: number): Promise<RiskProfilePage> {
    const tenantUid = this.authorize(caller);
    const search = JSON.stringify([tenantUid, filter]);
    const [rows, totalCount] = await Promise.all([
      this.boundaries.page(search, (page - 1) * pageSize, pageSize, (from, skip, limit) => this.profiles.page(tenantUid, filter, from, skip, limit), (row) => row.user_id),
      this.counts.through(search, () => this.profiles.count(tenantUid, filter)),
    ]);
    return { totalCount, profiles: rows };
  }

  /** `list`, each profile written as `projection` shapes it: by SQLite in the page's query, elsewhere here. */
  async listJson(caller: Principal, filter: RiskProfileFilter, page: number, pageSize: number, projection: Projection<RiskProfileRow>): Promise<RiskProfilePageJson> {
    if (isPostgres(this.db)) {
      const { totalCount, profiles } = await this.list(caller, filter, page, pageSize);
      return { totalCount, json: jsonTextsOf(projection, profiles) };
    }
    const tenantUid = this.authorize(caller);
    const search = JSON.stringify([tenantUid, filter]);
    const [rows, totalCount] = await Promise.all([
      this.boundaries.page(search, (page - 1) * pageSize, pageSize, (from, skip, limit) => this.profiles.pageJson(tenantUid, filter, from, skip, limit, projection), (row) => row.user_id),
      this.counts.through(search, () => this.profiles.count(tenantUid, filter)),
    ]);
    return { totalCount, json: rows.map((r) => r.json) };
  }

  async get(caller: Principal, userUid: string): Promise<RiskProfileRecord> {
    return this.find(this.authorize(caller), userUid);
  }

  private async find(tenantUid: string, userUid: string): Promise<RiskProfileRow> {
    const row = await this.profiles.one(tenantUid, userUid);
    if (!row) throw new DomainError("USER_NOT_FOUND", `No user with the id ${userUid}`, { user: userUid });
    return row;
  }

  update(caller: Principal, userUid: string, changes: RiskProfileChanges): Promise<RiskProfileRecord> {
    const { notes, startDate, endDate } = changes;
    return this.change(caller, userUid, () => ({
      ...(notes !== undefined ? { notes } : {}),
      ...(startDate !== undefined ? { start_date: startDate } : {}),
      ...(endDate !== undefined ? { end_date: endDate } : {}),
    }));
  }

  addCloudAliases(caller: Principal, userUid: string, aliases: string[]): Promise<RiskProfileRecord> {
    return this.change(caller, userUid, (current) => ({ cloud_usernames: JSON.stringify(withCloudUsernames(current, aliases)) }));
  }

  removeCloudAliases(caller: Principal, userUid: string, aliases: string[]): Promise<RiskProfileRecord> {
    return this.change(caller, userUid, (current) => ({ cloud_usernames: JSON.stringify(without(current, aliases)) }));
  }

  /** Stores the profile first if the user has none yet (as the console makes it), then applies the change. */
  private async change(caller: Principal, userUid: string, patch: (aliases: string[]) => Parameters<DetectionListStore["updateProfile"]>[2]): Promise<RiskProfileRecord> {
    const tenantUid = this.authorize(caller);
    await this.find(tenantUid, userUid);
    await this.db.transaction().execute(async (trx) => {
      const lists = new DetectionLists(new DetectionListStore(trx), this.clock);
      let profile = await lists.store.profile(tenantUid, userUid);
      if (!profile) {
        await lists.createProfile(tenantUid, (await lists.store.user(tenantUid, { userUid }))!);
        profile = (await lists.store.profile(tenantUid, userUid))!;
      }
      const set = patch(JSON.parse(profile.cloud_usernames) as string[]);
      if (Object.keys(set).length) await lists.store.updateProfile(tenantUid, userUid, set);
    });
    return this.get(caller, userUid);
  }
}
