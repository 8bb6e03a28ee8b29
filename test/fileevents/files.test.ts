// /v1/files: the content of a file an event names, as the incydr SDK downloads it: the bytes supplied beside an event
// (control plane, fixtures), made bytes for a hash no one supplied, by SHA-256 or xfc content id; carried by the
// state export and tenant copies.
import { createHash } from "node:crypto";
import { DEFAULT_TENANT_UID, emulatorPerFile, type TestEmulator } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
const fresh = emulatorPerFile();
let gateway: string;
const { get } = callsAs(emu, () => gateway);

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const md5 = (b: Buffer | string) => createHash("md5").update(b).digest("hex");
/** The documented rule for bytes no one supplied: SHA-256("<seed>:0") || SHA-256("<seed>:1") || … cut to size. */
const made = (seed: string, size: number) => {
  const blocks: Buffer[] = [];
  for (let i = 0; i * 32 < size; i++) blocks.push(createHash("sha256").update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
};
const HASH_A = "a".repeat(64);
const HASH_B = "b".repeat(64);

const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c?: Buffer) => chunks.push(c!));
  res.on("end", () => done(null, Buffer.concat(chunks)));
};
const download = (path: string, as = gateway) => emu.http.get(path).set("Authorization", as).buffer(true).parse(binary);

async function addEvents(events: object[], on: TestEmulator = emu, tenantUid = DEFAULT_TENANT_UID) {
  const res = await on.http.post(`/_emulator/tenants/${tenantUid}/file-events`).send({ events });
  expect(res.status).toBe(201);
  return res;
}

beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
});

describe("GET /v1/files/get-file-by-sha256/{sha256}", () => {
  it("answers the bytes supplied beside an event, named after its file, the hashes and size made from them", async () => {
    await addEvents([{ event: { id: "ev-1" }, file: { name: "plan.docx" }, content: { text: "the plan" } }]);
    const res = await download(`/v1/files/get-file-by-sha256/${sha256("the plan")}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(res.headers["content-disposition"]).toBe("attachment; filename=plan.docx");
    expect(res.body).toEqual(Buffer.from("the plan"));
    // Either case of the hash.
    expect((await download(`/v1/files/get-file-by-sha256/${sha256("the plan").toUpperCase()}`)).body).toEqual(Buffer.from("the plan"));
    const found = await emu.http.post("/v2/file-events").set("Authorization", gateway).send({ groups: [], pgSize: 10 });
    expect(found.body.fileEvents[0].file).toMatchObject({ sizeInBytes: 8, hash: { sha256: sha256("the plan"), md5: md5("the plan") } });
    expect(found.body.fileEvents[0]).not.toHaveProperty("content");
  });

  it("names a file with spaces or beyond ASCII as RFC 6266 says (filename and filename*)", async () => {
    await addEvents([{ event: { id: "ev-1" }, file: { name: "plän v2.docx" }, content: { text: "x" } }]);
    const res = await download(`/v1/files/get-file-by-sha256/${sha256("x")}`);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="pl?n v2.docx"; filename*=UTF-8''pl%C3%A4n%20v2.docx`);
  });

  it("takes base64, and hashes and a size given when they are the content's", async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await addEvents([{ event: { id: "ev-1" }, file: { name: "blob.bin", sizeInBytes: 5, hash: { sha256: sha256(bytes).toUpperCase(), md5: md5(bytes) } }, content: { base64: bytes.toString("base64") } }]);
    expect((await download(`/v1/files/get-file-by-sha256/${sha256(bytes)}`)).body).toEqual(bytes);
  });

  it("makes bytes from the hash for an event without supplied content: its size, 1 KiB without one, 1 MiB at most", async () => {
    await addEvents([
      { event: { id: "ev-1" }, file: { name: "old.txt", sizeInBytes: 70, hash: { sha256: HASH_A } }, "@timestamp": "2026-01-01T00:00:00.000Z" },
      // The latest event naming the hash names the download.
      { event: { id: "ev-2" }, file: { name: "new.txt", sizeInBytes: 70, hash: { sha256: HASH_A } }, "@timestamp": "2026-01-02T00:00:00.000Z" },
      { event: { id: "ev-3" }, file: { name: "unsized", hash: { sha256: HASH_B } } },
      { event: { id: "ev-4" }, file: { sizeInBytes: 5_000_000_000, hash: { sha256: "c".repeat(64) } } },
    ]);
    const a = await download(`/v1/files/get-file-by-sha256/${HASH_A}`);
    expect([a.status, a.headers["content-disposition"], a.body]).toEqual([200, "attachment; filename=new.txt", made(HASH_A, 70)]);
    expect((await download(`/v1/files/get-file-by-sha256/${HASH_B}`)).body).toEqual(made(HASH_B, 1024));
    const big = await download(`/v1/files/get-file-by-sha256/${"C".repeat(64)}`);
    expect(big.headers["content-disposition"]).toBeUndefined();
    expect(big.body).toEqual(made("c".repeat(64), 1024 * 1024));
  });

  it("answers 404 for a hash no event of the tenant names, and 400 for one that is not 64 hex digits", async () => {
    const res = await get(`/v1/files/get-file-by-sha256/${HASH_A}`);
    expect([res.status, res.body]).toEqual([404, { code: "FILE_NOT_FOUND", message: `No file event names the SHA-256 ${HASH_A}` }]);
    const bad = await get("/v1/files/get-file-by-sha256/asdf");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: expect.any(String), message: expect.stringContaining("sha256") });
  });

  it("needs a security role (403 for a desktop user), and reads only the caller's tenant", async () => {
    await addEvents([{ event: { id: "ev-1" }, file: { hash: { sha256: HASH_A } } }]);
    const alice = await userBearer(emu, "alice.adams@example.com");
    const refused = await get(`/v1/files/get-file-by-sha256/${HASH_A}`, alice);
    expect([refused.status, refused.body]).toEqual([403, { code: "FORBIDDEN", message: "A security role (Customer Cloud Admin, Security Center User) is required for file events" }]);
    const copy = (await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "other" })).body as { tenantUid: string; apiClients: Record<string, string> };
    // The copy has the event too; a third tenant, loaded empty, does not.
    await emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: "5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5c", name: "Empty", orgs: [{ orgName: "Root" }], apiClients: [{ clientId: "empty-client", secret: "s", roles: ["Customer Cloud Admin"] }] }] });
    const other = `Bearer ${await emu.gatewayToken("empty-client", "s")}`;
    expect((await get(`/v1/files/get-file-by-sha256/${HASH_A}`, other)).status).toBe(404);
    const copied = `Bearer ${await emu.gatewayToken(copy.apiClients["client_id"]!, "secret")}`;
    expect((await get(`/v1/files/get-file-by-sha256/${HASH_A}`, copied)).status).toBe(200);
  });
});

describe("GET /v1/files/get-file-by-xfc-content-id/{xfcContentId}", () => {
  it("answers the content of the event whose event.xfcEventId it is: supplied, or made from its hash, or from the id", async () => {
    await addEvents([
      { event: { id: "ev-1", xfcEventId: "xfc-supplied" }, file: { name: "a.txt" }, content: { text: "collected" } },
      { event: { id: "ev-2", xfcEventId: "xfc-hashed" }, file: { name: "b.txt", sizeInBytes: 40, hash: { sha256: HASH_A } } },
      { event: { id: "ev-3", xfcEventId: "xfc-bare" }, file: { sizeInBytes: 10 } },
    ]);
    const supplied = await download("/v1/files/get-file-by-xfc-content-id/xfc-supplied");
    expect([supplied.status, supplied.headers["content-disposition"], supplied.body]).toEqual([200, "attachment; filename=a.txt", Buffer.from("collected")]);
    expect((await download("/v1/files/get-file-by-xfc-content-id/xfc-hashed")).body).toEqual(made(HASH_A, 40));
    expect((await download("/v1/files/get-file-by-xfc-content-id/xfc-bare")).body).toEqual(made("xfc-bare", 10));
  });

  it("answers 404 for an id no event carries", async () => {
    await addEvents([{ event: { id: "ev-1" }, file: { hash: { sha256: HASH_A } } }]);
    const res = await get("/v1/files/get-file-by-xfc-content-id/ev-1");
    expect([res.status, res.body]).toEqual([404, { code: "FILE_NOT_FOUND", message: "No file event names the xfc content id ev-1" }]);
  });
});

describe("supplying content", () => {
  it("refuses content that is not text or base64, or that its event's hashes or size contradict, and stores nothing", async () => {
    const refusals: [object, string][] = [
      [{ content: "plain" }, "events[0]: content must be {text: string} or {base64: string}"],
      [{ content: { text: "a", base64: "YQ==" } }, "events[0]: content must be {text: string} or {base64: string}"],
      [{ content: { base64: "not base64!" } }, "events[0]: content.base64 is not base64"],
      [{ file: { hash: { sha256: HASH_A } }, content: { text: "a" } }, `events[0]: file.hash.sha256 is not the sha256 of content (${sha256("a")})`],
      [{ file: { hash: { md5: "0".repeat(32) } }, content: { text: "a" } }, `events[0]: file.hash.md5 is not the md5 of content (${md5("a")})`],
      [{ file: { sizeInBytes: 2 }, content: { text: "a" } }, "events[0]: file.sizeInBytes is not the length of content (1)"],
    ];
    for (const [event, message] of refusals) {
      const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: [event] });
      expect([res.status, res.body]).toEqual([400, { error: { code: "INVALID_EVENT", message } }]);
    }
    expect((await get(`/v1/files/get-file-by-sha256/${sha256("a")}`)).status).toBe(404);
  });

  it("the state export writes supplied content back beside the first event naming it (text, else base64), and it loads again", async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00]);
    await addEvents([
      { event: { id: "ev-1" }, content: { text: "words" } },
      { event: { id: "ev-2" }, file: { hash: { sha256: sha256("words") } } },
      { event: { id: "ev-3" }, content: { base64: bytes.toString("base64") } },
    ]);
    const tenantOf = async (on: TestEmulator) => ((await on.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string; fileEvents?: Record<string, unknown>[] }[]).find((t) => t.tenantUid === DEFAULT_TENANT_UID)!;
    const added = async (on: TestEmulator) => (await tenantOf(on)).fileEvents!.filter((e) => String((e.event as { id: string }).id).startsWith("ev-"));
    const exported = await added(emu);
    expect(exported.map((e) => e.content)).toEqual([{ text: "words" }, undefined, { base64: bytes.toString("base64") }]);
    expect((await fresh.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: DEFAULT_TENANT_UID, fileEvents: exported }] })).status).toBe(201);
    const freshToken = `Bearer ${await fresh.gatewayToken()}`;
    const res = await fresh.http.get(`/v1/files/get-file-by-sha256/${sha256(bytes)}`).set("Authorization", freshToken).buffer(true).parse(binary);
    expect(res.body).toEqual(bytes);
    expect(await added(fresh)).toEqual(exported);
  });

  it("loads content from a fixture's file events", async () => {
    const res = await emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: DEFAULT_TENANT_UID, fileEvents: [{ event: { id: "fx-1" }, file: { name: "fx.txt" }, content: { text: "from a fixture" } }] }] });
    expect(res.status).toBe(201);
    expect((await download(`/v1/files/get-file-by-sha256/${sha256("from a fixture")}`)).body).toEqual(Buffer.from("from a fixture"));
  });
});
