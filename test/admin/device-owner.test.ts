// A device stays with the user it was added to (seed "Add users from the Code42 console": "Once a computer is added
// to a user account, it cannot be moved to a different user account"): PUT /api/v1/Computer/{id} refuses a new owner.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const MAC = 251691; // Dave's MacBook
const DAVE = { userId: 4208, userUid: "942897397520280007" };
const ALICE = { userId: 4205, userUid: "942897397520280004" };
const get = (p: string) => emu.http.get(p).set("Authorization", auth);
const put = (p: string, b: object) => emu.http.put(p).set("Authorization", auth).send(b);
const REFUSED = [{ name: "SYSTEM", description: "A device cannot be moved to a different user" }];

describe("PUT /api/v1/Computer/{id}", () => {
  it("a body naming another user (by userUid or userId) is a 400 and changes nothing", async () => {
    const device = (await get(`/api/v1/Computer/${MAC}?incSettings=True`)).body.data;
    for (const owner of [{ userUid: ALICE.userUid }, { userId: ALICE.userId }, ALICE]) {
      const res = await put(`/api/v1/Computer/${MAC}`, { ...device, ...owner, name: "Alice's now" });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(REFUSED);
    }
    expect((await get(`/api/v1/Computer/${MAC}`)).body.data).toMatchObject({ name: "Dave's MacBook", ...DAVE });
  });

  it("the device sent back as py42 got it, owner included, still saves its name, notes and external reference", async () => {
    const device = (await get(`/api/v1/Computer/${MAC}?incSettings=True`)).body.data;
    expect(device).toMatchObject(DAVE);
    const res = await put(`/api/v1/Computer/${MAC}`, { ...device, name: "Dave's old MacBook", notes: "spare", computerExtRef: "ASSET-9" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: "Dave's old MacBook", notes: "spare", computerExtRef: "ASSET-9", ...DAVE });
    expect((await put(`/api/v1/Computer/${MAC}`, { name: "Just a name" })).body.data).toMatchObject({ name: "Just a name", ...DAVE });
  });
});
