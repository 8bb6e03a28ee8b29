// The emulator's control plane: everything a test suite steers (state, time, faults) and reads (journal, outbox).
import type BetterSqlite3 from "better-sqlite3";
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
import { ImageFiles } from "./images.js";
import { restoreImage } from "./tables.js";
import { copyTenant, deleteTenant, type TenantCopy } from "./tenant-copy.js";

export const MAX_SNAPSHOTS = 32;

export interface ControlDeps {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
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
  private readonly images = new ImageFiles();
  private baseline: string;
  private readonly snapshots = new Map<string, { savedAt: string; image: string }>();
  private copies = 0;

  constructor(private readonly deps: ControlDeps) {
    this.journal = new Journal(deps.journalSize);
    this.signInLocks = new SignInLocks(deps.clock);
    this.baseline = this.images.save(deps.sqlite);
  }

  /** Removes the images; the emulator closes it with the database. */
  close(): void {
    this.images.close();
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** Back to the state right after the fixtures loaded: data, clock, faults and journal (coverage stays: it is the suite's). */
  reset(): void {
    restoreImage(this.deps.sqlite, this.baseline);
    this.deps.clock.unfreeze();
    this.deps.clock.set(Date.now());
    this.faults.clear();
    this.journal.clear();
    this.signInLocks.clear();
  }

  /**
   * Adds fixture content, a document or its YAML or JSON text (checked first, FixtureError if it is not one); it
   * becomes part of what a reset returns to only if `asBaseline`. Resolves to the uids the document names.
   */
  async load(fixture: FixtureDocument | string, asBaseline = false): Promise<string[]> {
    const doc = parseFixture(typeof fixture === "string" ? fixture : JSON.stringify(fixture));
    await applyFixture(this.deps.db, doc, { clock: this.deps.clock, ids: this.deps.ids, passwordCost: this.deps.passwordCost });
    if (asBaseline) {
      this.images.drop(this.baseline);
      this.baseline = this.images.save(this.deps.sqlite);
    }
    return (doc.tenants ?? []).map((t) => t.tenantUid ?? "");
  }

  saveSnapshot(name: string): { name: string; savedAt: string } {
    if (!this.snapshots.has(name) && this.snapshots.size >= MAX_SNAPSHOTS) throw new RangeError(`at most ${MAX_SNAPSHOTS} snapshots; delete one first`);
    const savedAt = this.deps.clock.isoNow();
    const replaced = this.snapshots.get(name);
    this.snapshots.set(name, { savedAt, image: this.images.save(this.deps.sqlite) });
    if (replaced) this.images.drop(replaced.image);
    return { name, savedAt };
  }

  listSnapshots(): { name: string; savedAt: string }[] {
    return [...this.snapshots].map(([name, s]) => ({ name, savedAt: s.savedAt }));
  }

  restoreSnapshot(name: string): boolean {
    const s = this.snapshots.get(name);
    if (!s) return false;
    restoreImage(this.deps.sqlite, s.image);
    return true;
  }

  deleteSnapshot(name: string): boolean {
    const s = this.snapshots.get(name);
    if (s) this.images.drop(s.image);
    return this.snapshots.delete(name);
  }

  copyTenant(tenantUid: string, suffix?: string): TenantCopy | null {
    return copyTenant(this.deps.sqlite, this.deps.ids, tenantUid, suffix ?? `copy${++this.copies}`);
  }

  deleteTenant(tenantUid: string): boolean {
    return deleteTenant(this.deps.sqlite, tenantUid);
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
