// /v1/files: the content of a file an event of the caller's tenant names, by its SHA-256 or by its exfiltrated-file-
// collection content id, read by those who read file events: the bytes supplied for it, else made ones (contents.ts).
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { FileContentStore, type ContentEvent } from "./content-store.js";
import { madeContent } from "./contents.js";
import { fileEventReader } from "./service.js";

const notFound = (what: string) => new DomainError("FILE_NOT_FOUND", `No file event names ${what}`);

type Event = Record<string, unknown>;

export interface FileContent {
  /** The file's name in the event that names it (the latest, when several do). */
  name: string | null;
  bytes: Buffer;
}

export class FileContentService {
  private readonly store: FileContentStore;

  constructor(db: Kysely<Database>) {
    this.store = new FileContentStore(db);
  }

  /** The bytes of the file the tenant's latest event naming the hash names. */
  async bySha256(caller: Principal, sha256: string): Promise<FileContent> {
    const tenantUid = fileEventReader(caller);
    const event = await this.store.latestWithSha256(tenantUid, sha256);
    if (!event) throw notFound(`the SHA-256 ${sha256}`);
    return this.contentOf(tenantUid, event, sha256.toLowerCase());
  }

  /** The bytes of the file of the tenant's latest event carrying the id as its event.xfcEventId. */
  async byXfcContentId(caller: Principal, xfcContentId: string): Promise<FileContent> {
    const tenantUid = fileEventReader(caller);
    const event = await this.store.latestWithXfcContentId(tenantUid, xfcContentId);
    if (!event) throw notFound(`the xfc content id ${xfcContentId}`);
    return this.contentOf(tenantUid, event, event.sha256?.toLowerCase() ?? null, xfcContentId);
  }

  /** The bytes of the file one event of the tenant names by its hash (a case's event: cases/service.ts checks it is one). */
  async byEventId(caller: Principal, eventId: string): Promise<FileContent> {
    const tenantUid = fileEventReader(caller);
    const event = await this.store.byEventId(tenantUid, eventId);
    if (!event?.sha256) throw notFound(`a file for the event ${eventId}`);
    return this.contentOf(tenantUid, event, event.sha256.toLowerCase());
  }

  private async contentOf(tenantUid: string, event: ContentEvent, sha256: string | null, xfcContentId?: string): Promise<FileContent> {
    const supplied = sha256 === null ? undefined : await this.store.content(tenantUid, sha256);
    const size = () => ((JSON.parse(event.eventJson) as Event).file as Event | null)?.sizeInBytes;
    return { name: event.fileName, bytes: supplied ?? madeContent(sha256 ?? xfcContentId!, size()) };
  }
}
