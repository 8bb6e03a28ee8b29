// file_contents and file_xfc_contents: the bytes supplied for a hash, the events an xfc content id belongs to, and the
// event a download describes itself by.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { storedJson } from "./completed.js";
import type { Database, FileEventsTable } from "../../db/schema.js";

const CHUNK = 500;

/** The event a file's download is named and sized after. */
export interface ContentEvent {
  sha256: string | null;
  fileName: string | null;
  eventJson: string;
}

export class FileContentStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** A hash supplied twice keeps its first bytes (the same bytes: the hash is checked against them). */
  async insert(tenantUid: string, contents: { sha256: string; bytes: Buffer }[], xfc: { xfcContentId: string; eventId: string }[]): Promise<void> {
    for (let i = 0; i < contents.length; i += CHUNK)
      await this.db
        .insertInto("file_contents")
        .values(contents.slice(i, i + CHUNK).map((c) => ({ tenant_uid: tenantUid, sha256: c.sha256, content: c.bytes })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    for (let i = 0; i < xfc.length; i += CHUNK)
      await this.db
        .insertInto("file_xfc_contents")
        .values(xfc.slice(i, i + CHUNK).map((x) => ({ tenant_uid: tenantUid, xfc_content_id: x.xfcContentId, file_event_id: x.eventId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  async content(tenantUid: string, sha256: string): Promise<Buffer | undefined> {
    return (await this.db.selectFrom("file_contents").select("content").where("tenant_uid", "=", tenantUid).where("sha256", "=", sha256).executeTakeFirst())?.content;
  }

  /** Every supplied content of the tenant, by lower-case hash. */
  async all(tenantUid: string): Promise<Map<string, Buffer>> {
    const rows = await this.db.selectFrom("file_contents").select(["sha256", "content"]).where("tenant_uid", "=", tenantUid).execute();
    return new Map(rows.map((r) => [r.sha256.toLowerCase(), r.content]));
  }

  /** The latest event (by @timestamp, then id) naming the hash. */
  latestWithSha256(tenantUid: string, sha256: string): Promise<ContentEvent | undefined> {
    return this.latest(tenantUid, (eb) => eb("fe.sha256", "=", sha256));
  }

  /** The latest event carrying the xfc content id. */
  latestWithXfcContentId(tenantUid: string, xfcContentId: string): Promise<ContentEvent | undefined> {
    return this.latest(tenantUid, (eb) =>
      eb("fe.event_id", "in", eb.selectFrom("file_xfc_contents as x").select("x.file_event_id").where("x.tenant_uid", "=", tenantUid).where("x.xfc_content_id", "=", xfcContentId)),
    );
  }

  /** The tenant's event of the id. */
  byEventId(tenantUid: string, eventId: string): Promise<ContentEvent | undefined> {
    return this.latest(tenantUid, (eb) => eb("fe.event_id", "=", eventId));
  }

  private async latest(tenantUid: string, which: (eb: ExpressionBuilder<Database & { fe: FileEventsTable }, "fe">) => Expression<SqlBool>): Promise<ContentEvent | undefined> {
    const row = await this.db
      .selectFrom("file_events as fe")
      .select(["fe.sha256", "fe.file_name", storedJson(this.db, sql.ref("fe.event_json")).as("event_json")])
      .where("fe.tenant_uid", "=", tenantUid)
      .where(which)
      .orderBy("fe.ts", "desc")
      .orderBy("fe.event_id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row && { sha256: row.sha256, fileName: row.file_name, eventJson: row.event_json };
  }
}
