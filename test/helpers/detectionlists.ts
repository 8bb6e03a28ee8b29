// Calls the detection-list API the way the help-center curls do: POST JSON with `authorization: v3_user_token`.
import type { TestEmulator } from "./emulator.js";

export const ALICE = "942897397520280004"; // on the high-risk list, with SCIM attributes
export const BOB = "942897397520280005"; // on the departing list, one exposure 2 h ago
export const CAROL = "942897397520280006"; // profile, on no list
export const NEW_HIRE = "942897397520280008"; // no profile yet

export function detectionLists(emu: TestEmulator, token: string, scheme = "v3_user_token") {
  return (path: string, body: Record<string, unknown>) =>
    emu.http.post(`/svc/api/v2/${path}`).set("content-type", "application/json").set("authorization", `${scheme} ${token}`).send(body);
}

/** The ECM error bulletin the service answers with. */
export const bulletin = (type: string, text: string, extra: Record<string, unknown> = {}) => ({
  "pop-bulletin": { "type$": type, "text$": text, details: [], ...extra },
});

export const CREATED_AT = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
