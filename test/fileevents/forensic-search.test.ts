// The forensic search service as py42 1.27+ and code42cli 1.16+ reach it after discovery: a user token (v3_user_token,
// as py42 sends it) and the same bodies and answers as the gateway's file-event search.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
const EVENTS = [
  { "@timestamp": "2026-11-30T10:00:00.000Z", event: { id: "fs-1", action: "file-uploaded" }, user: { email: "alice.adams@example.com" }, file: { name: "a.docx" } },
  { "@timestamp": "2026-11-30T11:00:00.000Z", event: { id: "fs-2", action: "file-created" }, user: { email: "bob.brown@example.com" }, file: { name: "b.txt" } },
];
// v1 names the terms flat (py42's v1 filters), v2 by their place in the event.
const TERMS = { v1: { user: "deviceUserName", id: "eventId" }, v2: { user: "user.email", id: "event.id" } };
const queryOf = (version: "v1" | "v2") => ({
  groups: [{ filterClause: "AND", filters: [{ term: TERMS[version].user, operator: "IS", value: "alice.adams@example.com" }] }],
  groupClause: "AND",
  pgNum: 1,
  pgSize: 10,
  srtKey: TERMS[version].id,
  srtDir: "asc",
});
const query = queryOf("v2");

let legacy: string;
let gateway: string;
beforeEach(async () => {
  expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: EVENTS })).status).toBe(201);
  legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
  gateway = `Bearer ${await emu.gatewayToken()}`;
});

it.each(["v1", "v2"] as const)("the %s search answers what the gateway answers", async (version) => {
  const viaLegacy = await emu.http.post(`/forensic-search/queryservice/api/${version}/fileevent`).set("Authorization", legacy).send(queryOf(version));
  const viaGateway = await emu.http.post(`/${version}/file-events`).set("Authorization", gateway).send(queryOf(version));
  expect(viaLegacy.status).toBe(200);
  expect(viaLegacy.body.totalCount).toBe(1);
  expect(viaLegacy.body).toEqual(viaGateway.body);
});

it("grouping and saved searches are served on the legacy paths too; an unknown term is a 400 with its problem", async () => {
  const grouped = await emu.http.post("/forensic-search/queryservice/api/v2/fileevent/grouping").set("Authorization", legacy).send({ ...query, groups: [], groupingTerm: "event.action" });
  expect(grouped.status).toBe(200);
  expect(grouped.body.groups).toEqual(expect.arrayContaining([expect.objectContaining({ value: "file-uploaded", docCount: 1 })]));
  // The saved searches' own tests: saved-searches.test.ts.
  expect((await emu.http.get("/forensic-search/queryservice/api/v2/saved").set("Authorization", legacy)).body.searches).toHaveLength(2);
  const bad = await emu.http.post("/forensic-search/queryservice/api/v2/fileevent").set("Authorization", legacy).send({ ...query, groups: [{ filterClause: "AND", filters: [{ term: "no.such", operator: "IS", value: "x" }] }] });
  expect(bad.status).toBe(400);
  expect(bad.body.problems[0]).toMatchObject({ type: "ILLEGAL_VALUE" });
});
