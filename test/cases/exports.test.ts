// A case's exports: the summary PDF (the gateway's /v1/cases/{n}/export for the incydr SDK, /api/v1/case/{n}/export
// for py42 and code42cli) and the full ZIP (/v1/cases/{n}/export/full with the SDK's True/False flags), opened and
// read back: the PDF's text, the ZIP's entries, the CSV and the files; refusals as the other case operations.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";
import { binary as binaryOf, bytes, pdfText, unzip } from "../helpers/exports.js";

const emu = emulatorPerFile();
let gateway: string;
const NOW = "2024-06-01T12:00:00.000Z";
const BOB = "942897397520280005";
const ALICE = "942897397520280004";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
  await addEvents([
    {
      "@timestamp": "2020-12-23T14:24:44.593Z",
      event: { id: "0_147e9445-2f30", action: "file-created" },
      user: { email: "bob.brown@example.com" },
      file: { name: "example.txt", directory: "/Users/test/" },
      content: { text: "the plan" },
    },
    { "@timestamp": "2020-12-24T00:00:00.000Z", event: { id: "ev-2", action: "file-modified" }, file: { name: "other.txt" } },
  ]);
});
const { get, post, put } = callsAs(emu, () => gateway);
const problem = (status: number, name: string) => [status, { problem: name, description: expect.any(String) }];
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];

async function addEvents(events: object[]) {
  const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events });
  expect(res.status).toBe(201);
}

const CASE = { name: "Exfil (Q4) Ölfass", description: "Bob's last week", subject: BOB, assignee: ALICE, findings: "## Found\n- the plan, copied\n- more" };
async function caseWithEvents() {
  expect((await post("/v1/cases", CASE)).status).toBe(200);
  expect((await post("/v1/cases/1/fileevent", { events: ["0_147e9445-2f30", "ev-2"] })).status).toBe(204);
}

const binary = (path: string, as = gateway) => binaryOf(emu, path, as);

describe("GET /v1/cases/{n}/export (the summary PDF)", () => {
  it("answers a PDF named Case-<n>.pdf holding the case's details, findings and file events", async () => {
    await caseWithEvents();
    const res = await binary("/v1/cases/1/export");
    expect([res.status, res.headers["content-type"], res.headers["content-disposition"]]).toEqual([200, "application/pdf", "attachment; filename=Case-1.pdf"]);
    const pdf = bytes(res);
    expect(pdf.subarray(0, 8).toString()).toBe("%PDF-1.4");
    expect(pdf.subarray(-6).toString()).toBe("%%EOF\n");
    expect(pdfText(pdf)).toEqual([
      "Case 1: Exfil (Q4) Ölfass",
      "Case summary",
      "Details",
      "Number:           1",
      "Name:             Exfil (Q4) Ölfass",
      "Status:           OPEN",
      "Subject:          bob.brown@example.com (942897397520280005)",
      "Assignee:         alice.adams@example.com (942897397520280004)",
      "Created:          2024-06-01T12:00:00.000000Z",
      "Created by:       client_id",
      "Updated:          2024-06-01T12:00:00.000000Z",
      "Last modified by: client_id",
      "Description",
      "Bob's last week",
      "Findings",
      "## Found",
      "- the plan, copied",
      "- more",
      "File events (2)",
      "2020-12-23T14:24:44.593Z  file-created     bob.brown@example.com",
      "/Users/test/example.txt",
      "2020-12-24T00:00:00.000Z  file-modified    (no user)",
      "other.txt",
      "Case 1 summary, exported 2024-06-01T12:00:00.000Z. Page 1 of 1",
    ]);
  });

  it("is the same bytes every time on a still clock, and every object is where the cross-reference table says", async () => {
    await caseWithEvents();
    const [a, b] = [bytes(await binary("/v1/cases/1/export")), bytes(await binary("/v1/cases/1/export?language=de"))];
    expect(a.equals(b)).toBe(true);
    const text = a.toString("latin1");
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    const offsets = text.slice(xref).split("\n").filter((l) => l.endsWith(" 00000 n ")).map((l) => Number(l.slice(0, 10)));
    expect(offsets.map((o, i) => text.startsWith(`${i + 1} 0 obj\n`, o))).toEqual(offsets.map(() => true));
  });

  it("wraps long findings onto more pages, and writes a case without people or events", async () => {
    await post("/v1/cases", { name: "long", findings: "word ".repeat(6000) });
    const text = pdfText(bytes(await binary("/v1/cases/1/export")));
    expect(text.filter((l) => l.startsWith("Case 1 summary, exported"))).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((p) => `Case 1 summary, exported 2024-06-01T12:00:00.000Z. Page ${p} of 8`));
    expect(text.every((l) => l.length <= 84)).toBe(true);
    expect(text).toEqual(expect.arrayContaining(["Subject:          None", "Assignee:         None", "File events (0)", "None"]));
  });

  it("refuses an unknown case (404 CASE_NOT_FOUND), as the other case operations", async () => {
    expect(answer(await get("/v1/cases/9/export"))).toEqual(problem(404, "CASE_NOT_FOUND"));
  });
});

describe("GET /api/v1/case/{n}/export (py42's export_summary)", () => {
  it("answers the gateway's PDF to py42's request for JSON, and 404 for an unknown case", async () => {
    await caseWithEvents();
    const legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    const res = await binary("/api/v1/case/1/export", legacy).set("Accept", "application/json");
    expect([res.status, res.headers["content-type"]]).toEqual([200, "application/pdf"]);
    expect(bytes(res).equals(bytes(await binary("/v1/cases/1/export")))).toBe(true);
    expect(answer(await get("/api/v1/case/9/export", legacy))).toEqual(problem(404, "CASE_NOT_FOUND"));
  });
});

describe("GET /v1/cases/{n}/export/full (the ZIP)", () => {
  beforeEach(caseWithEvents);

  it("holds the summary, the events' CSV and the files the emulator has, by default and with the SDK's flags", async () => {
    const pdf = bytes(await binary("/v1/cases/1/export"));
    const csv = (await get("/v1/cases/1/fileevent/export")).text;
    for (const query of ["", "?files=True&summary=True&fileEvents=True"]) {
      const res = await binary(`/v1/cases/1/export/full${query}`);
      expect([res.status, res.headers["content-type"], res.headers["content-disposition"]]).toEqual([200, "application/zip", "attachment; filename=Case-1.zip"]);
      const entries = unzip(bytes(res));
      expect([...entries.keys()]).toEqual(["Case-1.pdf", "Case-1-file-events.csv", "files/0_147e9445-2f30/example.txt"]);
      expect(entries.get("Case-1.pdf")!.equals(pdf)).toBe(true);
      expect(entries.get("Case-1-file-events.csv")!.toString()).toBe(csv);
      expect(entries.get("files/0_147e9445-2f30/example.txt")!.toString()).toBe("the plan");
    }
    expect(csv.split("\r\n").map((row) => row.split(",")[1])).toEqual(["event.id", "0_147e9445-2f30", "ev-2", undefined]);
  });

  it.each([
    ["files=False&summary=True&fileEvents=True", ["Case-1.pdf", "Case-1-file-events.csv"]],
    ["files=True&summary=False&fileEvents=False", ["files/0_147e9445-2f30/example.txt"]],
    ["summary=false", ["Case-1-file-events.csv", "files/0_147e9445-2f30/example.txt"]],
  ])("holds only what ?%s selects", async (query, names) => {
    expect([...unzip(bytes(await binary(`/v1/cases/1/export/full?${query}`))).keys()]).toEqual(names);
  });

  it("names a file the event names oddly by a safe path, and leaves out events without a file", async () => {
    await addEvents([{ "@timestamp": "2021-01-01T00:00:00.000Z", event: { id: "ev-3" }, file: { name: "../a/b\\c.txt", hash: { sha256: "b".repeat(64) }, sizeInBytes: 5 } }]);
    await post("/v1/cases/1/fileevent", { events: ["ev-3"] });
    const entries = unzip(bytes(await binary("/v1/cases/1/export/full?summary=False&fileEvents=False")));
    expect([...entries.keys()]).toEqual(["files/0_147e9445-2f30/example.txt", "files/ev-3/.._a_b_c.txt"]);
    expect(entries.get("files/ev-3/.._a_b_c.txt")!.length).toBe(5);
  });

  it("refuses a request for nothing (400) and an unknown case (404), twice alike", async () => {
    for (let i = 0; i < 2; i++) {
      expect(answer(await get("/v1/cases/1/export/full?files=False&summary=False&fileEvents=False"))).toEqual([400, { problem: "NO_EXPORT_TYPE", description: "Must include at least one export type." }]);
      expect(answer(await get("/v1/cases/9/export/full"))).toEqual(problem(404, "CASE_NOT_FOUND"));
    }
    expect((await get("/v1/cases/1/export/full?files=maybe")).status).toBe(400);
  });

  it("exports an archived case without its events", async () => {
    await put("/v1/cases/1", { ...CASE, status: "ARCHIVED" });
    const entries = unzip(bytes(await binary("/v1/cases/1/export/full")));
    expect([...entries.keys()]).toEqual(["Case-1.pdf", "Case-1-file-events.csv"]);
    expect(pdfText(entries.get("Case-1.pdf")!)).toEqual(expect.arrayContaining(["Status:           ARCHIVED", "Archived:         2024-06-01T12:00:00.000000Z", "File events (0)"]));
  });
});
