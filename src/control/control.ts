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
import { Faults } from "./faults.js";
import { Journal } from "./journal.js";
import type { StateEngine } from "./tables.js";
import { copyTenant, type TenantCopy } from "./tenant-copy.js";

export const MAX_SNAPSHOTS = 32;

export interface ControlDeps {
  db: Kysely<Database>;
  /** The engine's way to keep and restore whole states (sqlite-state.ts, postgres-state.ts). */
  state: StateEngine;
  clock: Clock;
  ids: IdGenerator;
  passwordCost: number;
  journalSize: number;
}

export class EmulatorControl {
  readonly journal: Journal;
  readonly faults = new Faults();
  readonly coverage = new Coverage();
  readonly signInLocks: SignInLocks;
  private readonly snapshots = new Map<string, { savedAt: string; image: string }>();
  private copies = 0;

  private constructor(
    private readonly deps: ControlDeps,
    private baseline: string,
  ) {
    this.journal = new Journal(deps.journalSize);
    this.signInLocks = new SignInLocks(deps.clock);
  }

  /** The control plane of a database whose fixtures are loaded: that state is what a reset returns to. */
  static async create(deps: ControlDeps): Promise<EmulatorControl> {
    return new EmulatorControl(deps, await deps.state.saveImage());
  }

  /** Removes the images; the emulator closes it before the database. */
  close(): Promise<void> {
    return this.deps.state.close();
  }


  /** The engine's whole-state operations; tests compare dumps. */
  get state(): StateEngine {
    return this.deps.state;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** Back to the state right after the fixtures loaded: data, clock, faults and journal (coverage stays: it is the suite's). */
  reset(): Promise<void> {
    const restored = this.deps.state.restoreImage(this.baseline);
    this.deps.clock.unfreeze();
    this.deps.clock.set(Date.now());
    this.faults.clear();
    this.journal.clear();
    this.signInLocks.clear();
    return restored;
  }

  /**
   * Adds fixture content, a document or its YAML or JSON text (checked first, FixtureError if it is not one); it
   * becomes part of what a reset returns to only if `asBaseline`. Resolves to the uids the document names.
   */
  async load(fixture: FixtureDocument | string, asBaseline = false): Promise<string[]> {
    const doc = parseFixture(typeof fixture === "string" ? fixture : JSON.stringify(fixture));
    await applyFixture(this.deps.db, doc, { clock: this.deps.clock, ids: this.deps.ids, passwordCost: this.deps.passwordCost });
    if (asBaseline) {
      const replaced = this.baseline;
      this.baseline = await this.deps.state.saveImage();
      await this.deps.state.dropImage(replaced);
    }
    return (doc.tenants ?? []).map((t) => t.tenantUid ?? "");
  }

  async saveSnapshot(name: string): Promise<{ name: string; savedAt: string }> {
    if (!this.snapshots.has(name) && this.snapshots.size >= MAX_SNAPSHOTS) throw new RangeError(`at most ${MAX_SNAPSHOTS} snapshots; delete one first`);
    const savedAt = this.deps.clock.isoNow();
    const image = await this.deps.state.saveImage();
    const replaced = this.snapshots.get(name);
    this.snapshots.set(name, { savedAt, image });
    if (replaced) await this.deps.state.dropImage(replaced.image);
    return { name, savedAt };
  }

  listSnapshots(): { name: string; savedAt: string }[] {
    return [...this.snapshots].map(([name, s]) => ({ name, savedAt: s.savedAt }));
  }

  async restoreSnapshot(name: string): Promise<boolean> {
    const s = this.snapshots.get(name);
    if (!s) return false;
    await this.deps.state.restoreImage(s.image);
    return true;
  }

  async deleteSnapshot(name: string): Promise<boolean> {
    const s = this.snapshots.get(name);
    if (!s) return false;
    this.snapshots.delete(name);
    await this.deps.state.dropImage(s.image);
    return true;
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
