// An image of the temporary database (the reset baseline, a snapshot) is its file copied while requests go on: the
// file must stay as it was when the image was saved until the copy is done, whatever is written meanwhile, and the
// database must be back in its own journal mode after. SQLite only: PostgreSQL's images are rows.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ADMIN, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { TEST_PG } from "../helpers/postgres.js";

const sqliteOnly = TEST_PG ? describe.skip : describe;

sqliteOnly("an image's file copied behind the requests", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  const sqlite = () => emu.database.sqlite!;
  const firstNames = () => sqlite().prepare("select first_name from users order by user_id").pluck().all();

  it("the database's file is not written while its image is copied, and the image has none of those writes", async () => {
    const before = firstNames();
    await emu.control.saveSnapshot("copied");
    const file = readFileSync(sqlite().name);
    // The copy has only been started. Write more than the 1,000 pages at which SQLite would fold its log back into
    // the file of its own accord, and rows everywhere in the users table.
    expect(sqlite().pragma("journal_mode", { simple: true })).toBe("wal");
    sqlite().prepare("create table scratch (x blob)").run();
    const insert = sqlite().prepare("insert into scratch (x) values (randomblob(64 * 1024))");
    for (let i = 0; i < 400; i++) insert.run();
    sqlite().prepare("update users set first_name = 'Written' || user_id").run();
    expect(readFileSync(sqlite().name).equals(file)).toBe(true);

    // Reads see the writes meanwhile; the image, once restored, has none of them.
    expect(firstNames()).not.toEqual(before);
    sqlite().prepare("drop table scratch").run();
    expect(await emu.control.restoreSnapshot("copied")).toBe(true);
    expect(firstNames()).toEqual(before);
  });

  it("the journal is the database's own again once the copy is done, and the log is gone", async () => {
    await emu.control.saveSnapshot("again");
    await emu.control.restoreSnapshot("again");
    expect(sqlite().pragma("journal_mode", { simple: true })).toBe("delete");
    expect(readdirSync(dirname(sqlite().name)).filter((f) => f.endsWith("-wal"))).toEqual([]);
  });

  it("a copy that fails is its image's failure: its restore says so, the other images and the journal are as they were", async () => {
    // The images' next files cannot be written: a directory stands where each would go.
    const images = join(tmpdir(), readdirSync(tmpdir()).find((d) => d.startsWith(`c42emu-images-${process.pid}-`))!);
    const taken = new Set(readdirSync(images));
    const blocked = Array.from({ length: 100 }, (_, i) => `${i + 1}.db`).filter((f) => !taken.has(f)).map((f) => join(images, f));
    blocked.forEach((f) => mkdirSync(f));
    try {
      await emu.control.saveSnapshot("broken");
      await expect(emu.control.restoreSnapshot("broken")).rejects.toThrow(/EISDIR|directory/);
    } finally {
      blocked.forEach((f) => rmSync(f, { recursive: true }));
    }
    expect(sqlite().pragma("journal_mode", { simple: true })).toBe("delete");
    const before = firstNames();
    sqlite().prepare("update users set first_name = 'After'").run();
    await emu.reset();
    expect(firstNames()).toEqual(before);
  });

  it("through HTTP: a snapshot, writes right after it, and its restore", async () => {
    const dump = async () => JSON.stringify(await emu.control.state.dump());
    const auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    expect((await emu.http.post("/_emulator/snapshots").send({ name: "http" })).status).toBe(201);
    const saved = await dump();
    expect((await emu.http.post("/api/v3/users/942897397520280006/block").set("Authorization", auth)).status).toBe(204);
    expect(await dump()).not.toBe(saved);
    expect((await emu.http.post("/_emulator/snapshots/http/restore")).status).toBe(204);
    expect(await dump()).toBe(saved);
  });
});
