// Actors: the tenant's Code42 users seen as Code42's actors (actorId is the userUid, the name the username, the
// alternate names the risk profile's other cloud aliases), their families (adoption), and their risk profiles, which
// are the users' risk profiles by another key.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";
import type { Projection } from "../../projection.js";
import { cloudAliasesOf, type RiskProfileChanges, type RiskProfilePageJson, type RiskProfileRecord, type RiskProfileService } from "../riskprofiles/service.js";
import type { RiskProfileFilter, RiskProfileRow } from "../riskprofiles/store.js";
import { actorNotFound, adopt } from "./adoption.js";
import { ActorStore, type ActorCriteria, type ActorRow } from "./store.js";

/** An actor; its alternate names are its cloud aliases other than its name. */
export interface ActorRecord extends ActorRow {
  alternateNames: string[];
}

export interface ActorFamily {
  parent: ActorRecord;
  children: ActorRecord[];
}

export interface Adoption {
  parentActorId: string;
  childActorIds: string[];
}

/** An actor named by its id or by its name. */
export type ActorKey = { actorId: string } | { name: string };

/** The row a store read, made a record (not copied: see riskprofiles/service.ts). */
const record = (row: ActorRow): ActorRecord => Object.assign(row, { alternateNames: cloudAliasesOf(row).filter((alias) => alias !== row.username) });

export class ActorService {
  private readonly actors: ActorStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly riskProfiles: RiskProfileService,
  ) {
    this.actors = new ActorStore(db);
  }

  /** Actors are the whole tenant's, an administrator's as the risk profiles are. */
  private authorize(caller: Principal): string {
    if (!caller.roles.has(CUSTOMER_CLOUD_ADMIN)) throw new DomainError("FORBIDDEN", "The Customer Cloud Admin role is required for actors");
    return caller.tenantUid;
  }

  private async find(tenantUid: string, key: ActorKey): Promise<ActorRow> {
    if ("actorId" in key) {
      const row = await this.actors.one(tenantUid, key.actorId);
      if (!row) throw actorNotFound(key.actorId);
      return row;
    }
    const row = await this.actors.named(tenantUid, key.name);
    if (!row) throw new DomainError("ACTOR_NOT_FOUND", `No actor named ${key.name}`, { actor: key.name });
    return row;
  }

  /** The parent of an adopted actor; any other actor is its own. */
  private async parentOf(tenantUid: string, row: ActorRow): Promise<ActorRow> {
    return row.parent_actor_uid === null ? row : this.find(tenantUid, { actorId: row.parent_actor_uid });
  }

  async get(caller: Principal, key: ActorKey): Promise<ActorRecord> {
    return record(await this.find(this.authorize(caller), key));
  }

  async preferringParent(caller: Principal, key: ActorKey): Promise<ActorRecord> {
    const tenantUid = this.authorize(caller);
    return record(await this.parentOf(tenantUid, await this.find(tenantUid, key)));
  }

  /** The family of any of its members: an actor that neither adopted nor was adopted is a family of one. */
  async family(caller: Principal, key: ActorKey): Promise<ActorFamily> {
    const tenantUid = this.authorize(caller);
    const parent = await this.parentOf(tenantUid, await this.find(tenantUid, key));
    return { parent: record(parent), children: (await this.actors.children(tenantUid, parent.user_uid)).map(record) };
  }

  async search(caller: Principal, criteria: ActorCriteria, preferParent: boolean, page: number, pageSize: number): Promise<ActorRecord[]> {
    return (await this.actors.page(this.authorize(caller), criteria, preferParent, page, pageSize)).map(record);
  }

  async adopt(caller: Principal, childId: string, parentId: string): Promise<Adoption> {
    const tenantUid = this.authorize(caller);
    return this.db.transaction().execute(async (trx) => {
      const store = new ActorStore(trx);
      await adopt(store, tenantUid, childId, parentId);
      return { parentActorId: parentId, childActorIds: (await store.children(tenantUid, parentId)).map((c) => c.user_uid) };
    });
  }

  /** Changes the actor's risk profile (notes, start and end dates). */
  async update(caller: Principal, actorId: string, changes: RiskProfileChanges): Promise<ActorRecord> {
    await this.updateProfile(caller, actorId, changes);
    return this.get(caller, { actorId });
  }

  /** The actors' risk profiles (their users'), each written as `projection` shapes it (projection.ts). */
  profilesJson(caller: Principal, filter: RiskProfileFilter, page: number, pageSize: number, projection: Projection<RiskProfileRow>): Promise<RiskProfilePageJson> {
    this.authorize(caller);
    return this.riskProfiles.listJson(caller, filter, page, pageSize, projection);
  }

  async profile(caller: Principal, actorId: string): Promise<RiskProfileRecord> {
    await this.find(this.authorize(caller), { actorId });
    return this.riskProfiles.get(caller, actorId);
  }

  async updateProfile(caller: Principal, actorId: string, changes: RiskProfileChanges): Promise<RiskProfileRecord> {
    await this.find(this.authorize(caller), { actorId });
    return this.riskProfiles.update(caller, actorId, changes);
  }
}
