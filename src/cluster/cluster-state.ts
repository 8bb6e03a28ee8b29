// What several emulator nodes on one PostgreSQL database share beyond the tenants' rows: the clock and the fault
// rules. Each request first reads the one state row (a primary-key read) and sets this node's clock from it, so a
// clock moved through one node holds on every node for the next request anywhere; the fault rules reload when their
// version moved. A change to this node's clock is written at once, and a refresh waits for that write, so the
// node never reads back a setting older than its own. On SQLite there is one process and none of this runs.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock, ClockSettings } from "../clock.js";
import type { Database } from "../db/schema.js";
import { SharedFaults } from "./shared-faults.js";

/** How often a node says it is alive, and how long after its last word the others stop asking it. */
const HEARTBEAT_MS = 5_000;
const GONE_AFTER_MS = 20_000;

export interface Peer {
  nodeId: string;
  url: string;
}

export class ClusterState {
  readonly faults: SharedFaults;
  readonly nodeId = randomUUID();
  /** Where the other nodes reach this one (join). */
  url = "";
  private heartbeat?: NodeJS.Timeout;

  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.faults = new SharedFaults(db);
    clock.onChange = (settings) => {
      // In order: the last change made here is the one that stays. A failed write fails the next refresh (the
      // database is gone: 503) instead of going unnoticed, and is never an unhandled rejection meanwhile.
      this.saving = this.saving.catch(() => {}).then(() => this.write(settings));
      this.saving.catch(() => {});
    };
  }

  async refresh(): Promise<void> {
    await this.saving;
    const row = await this.db.selectFrom("emulator_state").select(["clock_offset_ms", "clock_frozen_at", "faults_version"]).where("id", "=", 1).executeTakeFirstOrThrow();
    this.clock.adopt({ offsetMs: row.clock_offset_ms, frozenAt: row.clock_frozen_at });
    await this.faults.sync(row.faults_version);
  }

  /** Makes this node known to the others at `url` (its control plane), until leave(). */
  async join(url: string, startedAt: string): Promise<void> {
    const beat = () => this.db.updateTable("emulator_nodes").set({ seen_ms: Date.now() }).where("node_id", "=", this.nodeId).execute();
    this.url = url;
    await this.db.insertInto("emulator_nodes").values({ node_id: this.nodeId, url, started_at: startedAt, seen_ms: Date.now() }).execute();
    // A beat that fails (the database away) is simply missed; the next one tries again.
    this.heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS).unref();
  }

  async leave(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.db.deleteFrom("emulator_nodes").where("node_id", "=", this.nodeId).execute();
  }

  /** The other nodes alive now (by the machine's time), oldest first; a node killed without leaving drops out. */
  async peers(): Promise<Peer[]> {
    const rows = await this.db
      .selectFrom("emulator_nodes")
      .select(["node_id", "url"])
      .where("node_id", "<>", this.nodeId)
      .where("seen_ms", ">", Date.now() - GONE_AFTER_MS)
      .orderBy("started_at")
      .orderBy("node_id")
      .execute();
    return rows.map((r) => ({ nodeId: r.node_id, url: r.url }));
  }

  /** Resolves once this node's clock changes are written for every node. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private async write({ offsetMs, frozenAt }: ClockSettings): Promise<void> {
    await this.db.updateTable("emulator_state").set({ clock_offset_ms: offsetMs, clock_frozen_at: frozenAt }).where("id", "=", 1).execute();
  }
}
