// With --db FILE, every write the emulator acknowledged survives a SIGKILL, and the database stays sound.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { adminToken as token, startEmulatorProcess as start } from "../helpers/cli-process.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "c42kill-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("durability", () => {
  it("acknowledged writes survive SIGKILL mid-stream, three times over; integrity_check passes; migrations rerun cleanly", async () => {
    const db = join(dir, "state.db");
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { child, url } = await start(db);
      const auth = `Bearer ${await token(url)}`;
      const exited = new Promise((r) => child.on("exit", r));
      // Writes go out back to back; the kill lands as the first is acknowledged, while the others are in flight (a
      // fixed delay missed them all on a loaded machine).
      const kill = () => child.kill("SIGKILL");
      const fallback = setTimeout(kill, 5_000);
      const writes = Array.from({ length: 40 }, (_, i) => `r${round}-u${i}@example.com`).map(async (username) => {
        try {
          const res = await fetch(`${url}/api/v1/User`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify({ orgUid: "890854247383106706", username }) });
          if (res.status === 200) {
            acknowledged.push(username);
            setImmediate(kill);
          }
        } catch {
          // in flight when the process died: not acknowledged, so no promise was broken
        }
      });
      await Promise.all(writes);
      await exited;
      clearTimeout(fallback);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    const sqlite = new BetterSqlite3(db, { readonly: true });
    try {
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      const stored = new Set((sqlite.prepare("select username from users").all() as { username: string }[]).map((r) => r.username));
      const lost = acknowledged.filter((u) => !stored.has(u));
      expect(lost).toEqual([]);
    } finally {
      sqlite.close();
    }
    // A fourth start on the same file: migrations are already applied, the state is all there.
    const { child, url } = await start(db);
    const health = (await (await fetch(`${url}/_emulator/health`)).json()) as { counts: { users: number } };
    expect(health.counts.users).toBeGreaterThanOrEqual(9 + acknowledged.length);
    child.kill("SIGTERM");
  });
});
