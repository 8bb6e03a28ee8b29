// The emulator's server builds its requests and responses with Express's prototypes already in place (the per-request
// prototype swap was half of a simple read's CPU; docs/PERFORMANCE.md).
import http from "node:http";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe("the emulator's HTTP server", () => {
  it("hands Express requests and responses that already have the app's prototypes", async () => {
    const seen: { reqGet: string; resJson: string; incoming: boolean; response: boolean }[] = [];
    // Runs before Express sees the request: what Node constructed, not what Express made of it.
    const spy = (req: http.IncomingMessage, res: http.ServerResponse) =>
      seen.push({
        reqGet: typeof (req as unknown as { get?: unknown }).get,
        resJson: typeof (res as unknown as { json?: unknown }).json,
        incoming: req instanceof http.IncomingMessage,
        response: res instanceof http.ServerResponse,
      });
    emu.server.prependListener("request", spy);
    try {
      const res = await emu.http.get("/c42api/v3/customer/my");
      expect(res.status).toBe(401);
    } finally {
      emu.server.off("request", spy);
    }
    expect(seen).toEqual([{ reqGet: "function", resJson: "function", incoming: true, response: true }]);
  });
});
