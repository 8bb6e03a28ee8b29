// The emulator's control plane: everything a test suite steers (state, time, faults) and reads (journal, outbox).
import type { Kysely } from "kysely";
import type { Clock } from "../clock.js";
import type { Database } from "../db/schema.js";
import { SignInLocks } from "../auth/lockout.js";
import { hashSecret } from "../auth/passwords.js";
import { OutboxStore } from "../domains/outbox/store.js";
import { providerSecret, registerProvider } from "../domains/scim/providers.js";
import { applyFixture } from "../fixtures/apply.js";
import { parseFixture } from "../fixtures/read.js";
import type { FixtureDocument, FixtureScimProvider } from "../fixtures/format.js";
import type { IdGenerator } from "../ids.js";
import { Coverage } from "./coverage.js";
import { Faults, type FaultRules } from "./faults.js";
import type { ClusterState } from "../cluster/cluster-state.js";
import { Journal } from "./journal.js";
import type { StateEngine } from "./tables.js";
import { copyTenant, type TenantCopy } from "./tenant-copy.js";

export const MAX_SNAPSHOTS = 32;
/** Images are named: the baseline, and each snapshot under a prefix, so no snapshot name can be the baseline's. */
const BASELINE = "baseline";
const SNAPSHOT = "snapshot:";

export interface ControlDeps {
  db: Kysely<Database>;
  /** The engine's way to keep and restore whole states (sqlite-state.ts, postgres-state.ts). */
  state: StateEngine;
  clock: Clock;
  /** PostgreSQL: the clock and fault rules every node shares. */
  cluster?: ClusterState;
  ids: IdGenerator;
  passwordCost: number;
  journalSize: number;
}

export class EmulatorControl {
  readonly journal: Journal;
  readonly faults: FaultRules;
  readonly coverage = new Coverage();
  readonly signInLocks: SignInLocks;
  private copies = 0;

  private constructor(private readonly deps: ControlDeps) {
    this.journal = new Journal(deps.journalSize);
    this.faults = deps.cluster?.faults ?? new Faults();
    this.signInLocks = new SignInLocks(deps.db, deps.clock);
  }

  /**
   * The control plane of a database whose fixtures are loaded: that state is what a reset returns to. On
   * PostgreSQL the first node keeps it and the others find it (they start one at a time: cluster/startup.ts).
   */
  static async create(deps: ControlDeps): Promise<EmulatorControl> {
    const control = new EmulatorControl(deps);
    if (!(await deps.state.images()).some((i) => i.name === BASELINE)) await deps.state.saveImage(BASELINE, deps.clock.isoNow());
    return control;
  }

  /** Removes the images; the emulator closes it before the database. */
  close(): Promise<void> {
    return this.deps.state.close();
  }


  /** PostgreSQL: what the nodes share (and who they are); undefined on SQLite. */
  get cluster(): ClusterState | undefined {
    return this.deps.cluster;
  }

  /** The engine's whole-state operations; tests compare dumps. */
  get state(): StateEngine {
    return this.deps.state;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** Back to the state right after the fixtures loaded: data, clock, faults and journal (coverage stays: it is the suite's). */
  async reset(): Promise<void> {
    await this.deps.state.restoreImage(BASELINE);
    await this.moveClock((clock) => {
      clock.unfreeze();
      clock.set(Date.now());
    });
    await this.faults.clear();
    this.journal.clear();
    await this.signInLocks.clear();
  }

  /** Sets the clock (ClockRangeError changes nothing); resolves once every node of a cluster would see it. */
  async moveClock(move: (clock: Clock) => void): Promise<void> {
    move(this.deps.clock);
    await this.deps.cluster?.flushed();
  }

  /**
   * Adds fixture content, a document or its YAML or JSON text (checked first, FixtureError if it is not one); it
   * becomes part of what a reset returns to only if `asBaseline`. Resolves to the uids the document names.
   */
  async load(fixture: FixtureDocument | string, asBaseline = false): Promise<string[]> {
    const doc = parseFixture(typeof fixture === "string" ? fixture : JSON.stringify(fixture));
    await applyFixture(this.deps.db, doc, { clock: this.deps.clock, ids: this.deps.ids, passwordCost: this.deps.passwordCost });
    if (asBaseline) await this.deps.state.saveImage(BASELINE, this.deps.clock.isoNow());
    return (doc.tenants ?? []).map((t) => t.tenantUid ?? "");
  }

  async saveSnapshot(name: string): Promise<{ name: string; savedAt: string }> {
    const taken = await this.listSnapshots();
    if (!taken.some((s) => s.name === name) && taken.length >= MAX_SNAPSHOTS) throw new RangeError(`at most ${MAX_SNAPSHOTS} snapshots; delete one first`);
    const savedAt = this.deps.clock.isoNow();
    await this.deps.state.saveImage(SNAPSHOT + name, savedAt);
    return { name, savedAt };
  }

  async listSnapshots(): Promise<{ name: string; savedAt: string }[]> {
    return (await this.deps.state.images()).filter((i) => i.name.startsWith(SNAPSHOT)).map((i) => ({ name: i.name.slice(SNAPSHOT.length), savedAt: i.savedAt }));
  }

  restoreSnapshot(name: string): Promise<boolean> {
    return this.deps.state.restoreImage(SNAPSHOT + name);
  }

  deleteSnapshot(name: string): Promise<boolean> {
    return this.deps.state.dropImage(SNAPSHOT + name);
  }

  copyTenant(tenantUid: string, suffix?: string): Promise<TenantCopy | null> {
    return this.deps.state.run(copyTenant(this.deps.ids, tenantUid, suffix ?? `copy${++this.copies}`));
  }

  deleteTenant(tenantUid: string): Promise<boolean> {
    return this.deps.state.deleteTenant(tenantUid);
  }

  /** Adds a SCIM provider to a tenant; its users are provisioned into the org given by name or uid. */
  async addScimProvider(tenantUid: string, p: FixtureScimProvider): Promise<boolean> {
    const org = await this.deps.db
      .selectFrom("orgs")
      .select("org_id")
      .where("tenant_uid", "=", tenantUid)
      .where((eb) => eb.or([eb("org_name", "=", p.org), eb("org_uid", "=", p.org)]))
      .executeTakeFirst();
    if (!org) return false;
    const hash = await hashSecret(providerSecret(p), this.deps.passwordCost);
    await registerProvider(this.deps.db, tenantUid, org.org_id, p, hash, this.deps.clock.isoNow());
    return true;
  }

  outbox(tenantUid?: string) {
    return new OutboxStore(this.deps.db).list(tenantUid);
  }

  async clearOutbox(tenantUid?: string): Promise<void> {
    await new OutboxStore(this.deps.db).clear(tenantUid);
  }
}
