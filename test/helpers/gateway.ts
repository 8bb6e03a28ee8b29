// What the gateway's test files share: calls made with a token chosen per call (by default the file's own), and a
// user's gateway token.
import type { TestEmulator } from "./emulator.js";

/** get, post and put on `emu`, authorized by `auth()` unless a call names its own Authorization value. */
export function callsAs(emu: TestEmulator, auth: () => string) {
  return {
    get: (path: string, as = auth()) => emu.http.get(path).set("Authorization", as),
    post: (path: string, body?: object, as = auth()) => {
      const req = emu.http.post(path).set("Authorization", as);
      return body ? req.send(body) : req;
    },
    put: (path: string, body: object, as = auth()) => emu.http.put(path).set("Authorization", as).send(body),
  };
}

/** A user's token from the gateway's own sign-in (GET /v1/auth), as an Authorization value. */
export async function userBearer(emu: TestEmulator, username: string, password = "password"): Promise<string> {
  const res = await emu.http.get("/v1/auth").auth(username, password);
  if (res.status !== 200) throw new Error(`GET /v1/auth as ${username}: ${res.status} ${res.text}`);
  return `Bearer ${res.body.bearerToken}`;
}
