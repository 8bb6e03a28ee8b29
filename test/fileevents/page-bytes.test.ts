// A v2 page is written from the events' JSON as SQLite writes it (complete from the stored, sparse event), not by
// Express: served without response validation (as `npm start` serves it), its bytes are the ones the validated path
// writes with JSON.stringify, and its headers are res.json's. Non-ASCII text and escapes included.
import { emulatorPerFile } from "../helpers/emulator.js";
import { EVENTS_TENANT, eventsTenantBaseline, eventsTenantToken } from "../helpers/events-tenant.js";

const validated = emulatorPerFile();
const served = emulatorPerFile({ strict: false });
eventsTenantBaseline(validated);
eventsTenantBaseline(served);

const EVENTS = [
  {
    "@timestamp": "2024-05-21T10:00:00.000Z",
    event: { id: "ev-1", action: "file-uploaded", inserted: "2024-05-21T10:00:01.000Z", ingested: "2024-05-21T10:00:01.000Z" },
    user: { email: "zoë@example.com" },
    file: { name: "résumé – 日本 \"final\"\n.pdf", sizeInBytes: 1234, hash: { md5: "0123456789abcdef0123456789abcdef" } },
    destination: { category: "Cloud Storage", tabs: [{ title: "Box — upload", url: "https://app.box.com/" }], domains: ["app.box.com"] },
    risk: { score: 7, indicators: [{ name: "Box upload", weight: 5 }, { name: "Off hours", weight: 2 }] },
  },
  { "@timestamp": "2024-05-22T10:00:00.000Z", event: { id: "ev-2", action: "file-deleted", inserted: "2024-05-22T10:00:00.000Z", ingested: "2024-05-22T10:00:00.000Z" } },
];

it("answers the same bytes and headers with and without response validation", async () => {
  const answers = [];
  for (const emu of [validated, served]) {
    expect((await emu.http.post(`/_emulator/tenants/${EVENTS_TENANT}/file-events`).send({ events: EVENTS })).status).toBe(201);
    const token = await eventsTenantToken(emu);
    answers.push(await emu.http.post("/v2/file-events").set("Authorization", `Bearer ${token}`).send({ groups: [], srtKey: "@timestamp", srtDir: "asc", pgSize: 1, pgToken: "" }));
  }
  const [checked, fast] = answers;
  expect(fast!.status).toBe(200);
  expect(fast!.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(fast!.headers["content-type"]).toBe(checked!.headers["content-type"]);
  expect(fast!.text).toBe(checked!.text);
  expect(fast!.body.fileEvents[0].file.name).toBe(EVENTS[0]!.file!.name);
  expect(fast!.body.fileEvents[0].destination.tabs).toEqual([{ title: "Box — upload", titleError: null, url: "https://app.box.com/", urlError: null }]);
  expect(fast!.body).toMatchObject({ nextPgToken: "ev-1", problems: null, totalCount: 2 });
  expect(Number(fast!.headers["content-length"])).toBe(Buffer.byteLength(fast!.text));
});
