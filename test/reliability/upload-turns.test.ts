// Uploads take turns by size, so a few large ones from signed-in callers cannot hold the emulator's memory between
// them: a large upload goes alone, a small one passes alongside it, and an upload with no length waits for the whole
// budget. JSON calls never wait. Which upload reads and which waits is seen in the health check, so no step depends on
// which connection the server happened to authenticate first.
import { request, type ClientRequest } from "node:http";
import { ADMIN, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  token = await emu.tokenFor(ADMIN.username, ADMIN.password);
});
afterAll(() => emu.close());

interface Upload {
  req: ClientRequest;
  /** Resolves with the status once answered. */
  answered: Promise<number>;
  /** Whether it has been answered yet. */
  done: () => boolean;
}

/** A CSV upload whose head and `first` part are sent now; `length` is declared unless chunked. */
function startUpload(first: string, length?: number): Upload {
  const headers: Record<string, string | number> = { "content-type": "text/csv", authorization: `Bearer ${token}` };
  if (length !== undefined) headers["content-length"] = length;
  let finished = false;
  const req = request(`${emu.url}/api/v1/UserImport`, { method: "POST", headers, agent: false });
  const answered = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => {
        finished = true;
        resolve(res.statusCode!);
      });
    });
    req.on("error", reject);
  });
  req.write(first);
  return { req, answered, done: () => finished };
}

const csv = (rows: number) => `username,email\n${Array.from({ length: rows }, (_, i) => `turns.${i}@example.com,turns.${i}@example.com`).join("\n")}\n`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the health check shows this many uploads reading and waiting. */
async function uploadsAre(reading: number, waiting: number): Promise<void> {
  for (;;) {
    const { uploads } = (await emu.http.get("/_emulator/health")).body;
    if (uploads.reading === reading && uploads.waiting === waiting) return;
    await pause(10);
  }
}

it("a small upload passes alongside a large one that is still arriving", async () => {
  const header = "username,email\n";
  const large = startUpload(header, 20 * 1024 * 1024);
  await uploadsAre(1, 0);
  const small = csv(2);
  const other = startUpload(small, Buffer.byteLength(small));
  other.req.end();
  expect(await other.answered).toBe(200);
  expect(large.done()).toBe(false);
  large.req.destroy();
  await large.answered.catch(() => undefined);
});

it("an upload with no declared length goes alone: another waits until it is answered, JSON calls do not", async () => {
  const chunked = startUpload("username,email\n");
  await uploadsAre(1, 0);
  const small = csv(1);
  const waiting = startUpload(small, Buffer.byteLength(small));
  waiting.req.end();
  await uploadsAre(1, 1);
  expect((await emu.http.get("/api/v1/User?pgSize=1").set("authorization", `Bearer ${token}`)).status).toBe(200);
  expect(waiting.done()).toBe(false);
  chunked.req.end("chunked.one@example.com,chunked.one@example.com\n");
  expect(await chunked.answered).toBe(200);
  expect(await waiting.answered).toBe(200);
});

it("an upload whose caller gives up while waiting does not keep its turn", async () => {
  const chunked = startUpload("username,email\n");
  await uploadsAre(1, 0);
  // With no length it would take the whole budget, and keep it, were its turn still given once the first is done.
  const givesUp = startUpload("username,email\n");
  await uploadsAre(1, 1);
  givesUp.req.destroy();
  await givesUp.answered.catch(() => undefined);
  await uploadsAre(1, 0);
  chunked.req.end();
  expect(await chunked.answered).toBe(200);
  const after = csv(1).replace(/turns/g, "after.wait");
  const next = startUpload(after, Buffer.byteLength(after));
  next.req.end();
  expect(await next.answered).toBe(200);
});
