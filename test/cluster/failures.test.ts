// A node of a cluster as processes fail around it: another node killed mid-write loses none of the writes it
// acknowledged, and a node whose database goes away answers 503 in the family's envelope and recovers by itself.
import { createServer, Socket, type Server } from "node:net";
import { adminToken, startEmulatorProcess as startNode } from "../helpers/cli-process.js";
import { ADMIN, startTestEmulator } from "../helpers/emulator.js";
import { describeOnPostgres, freshPostgresDatabase, type TestPostgresDatabase } from "../helpers/postgres.js";

const ROOT_ORG_UID = "890854247383106706";

/** A TCP relay to PostgreSQL that the test can cut (every connection dropped, new ones refused) and restore. */
async function relay(target: URL): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((inbound) => {
        const outbound = new Socket().connect(Number(target.port), target.hostname);
        for (const s of [inbound, outbound]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = async () => {
    await new Promise<void>((resolve) => server!.close(() => resolve()) && sockets.forEach((s) => s.destroy()));
  };
  await listen();
  const url = new URL(target);
  url.port = String(port);
  return { url: url.toString(), cut, restore: listen, close: cut };
}

describeOnPostgres("a node among failures", () => {
  let database: TestPostgresDatabase;
  beforeAll(async () => {
    database = await freshPostgresDatabase();
  });
  afterAll(() => database?.drop());

  it("killing one node mid-write loses none of its acknowledged writes: the other node reads them all", async () => {
    const survivor = await startNode(database.url);
    const victim = await startNode(database.url);
    try {
      const auth = `Bearer ${await adminToken(victim.url)}`;
      const exited = new Promise((r) => victim.child.on("exit", r));
      const kill = () => victim.child.kill("SIGKILL");
      const fallback = setTimeout(kill, 5_000);
      const acknowledged: string[] = [];
      // Back to back; the kill lands as the first is acknowledged, while the others are in flight.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => `killed${i}@example.com`).map(async (username) => {
          try {
            const res = await fetch(`${victim.url}/api/v1/User`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify({ orgUid: ROOT_ORG_UID, username }) });
            if (res.status === 200) {
              acknowledged.push(username);
              setImmediate(kill);
            }
          } catch {
            // in flight when the process died: not acknowledged
          }
        }),
      );
      await exited;
      clearTimeout(fallback);
      expect(acknowledged.length).toBeGreaterThan(0);
      const res = await fetch(`${survivor.url}/api/v1/User?pgSize=500&q=killed`, { headers: { authorization: `Bearer ${await adminToken(survivor.url)}` } });
      const found = ((await res.json()) as { data: { users: { username: string }[] } }).data.users.map((u) => u.username);
      for (const username of acknowledged) expect(found).toContain(username);
    } finally {
      survivor.child.kill("SIGKILL");
      victim.child.kill("SIGKILL");
    }
  });

  it("a node that loses its database answers 503 in the family's envelope, says so in health, and recovers by itself", async () => {
    const link = await relay(new URL(database.url));
    const node = await startTestEmulator({ db: link.url, dbPoolSize: 3 });
    try {
      const legacy = `Bearer ${await node.tokenFor(ADMIN.username, ADMIN.password)}`;
      const gateway = `Bearer ${await node.gatewayToken()}`;
      await link.cut();

      const v1 = await node.http.get("/api/v1/Org/my").set("Authorization", legacy);
      expect(v1.status).toBe(503);
      expect(v1.headers["retry-after"]).toBe("1");
      expect(v1.body).toEqual([{ name: "SERVICE_UNAVAILABLE", description: expect.stringContaining("database") }]);
      const users = await node.http.get("/v1/users").set("Authorization", gateway);
      expect(users.status).toBe(503);
      const health = await node.http.get("/_emulator/health");
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: "unavailable", version: expect.any(String), uptimeSeconds: expect.any(Number), database: { engine: "postgres", status: "down", error: expect.any(String) } });

      await link.restore();
      expect((await node.http.get("/_emulator/health")).body.database.status).toBe("up");
      expect((await node.http.get("/api/v1/Org/my").set("Authorization", legacy)).status).toBe(200);
      expect((await node.http.get("/v1/users").set("Authorization", gateway)).status).toBe(200);
    } finally {
      await node.close();
      await link.close();
    }
  });
});
