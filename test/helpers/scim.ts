// SCIM calls as a provider makes them, and the shapes its answers are checked against.
import type { TestEmulator } from "./emulator.js";

export const SCIM_MEDIA_TYPE = "application/scim+json";
export const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

/** A SCIM error body, as RFC 7644 §3.12 shapes it. */
export const scimError = (status: number, scimType?: string) => ({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail: expect.any(String) });

/** A provider's client: paths are under its base URL, bodies are sent as application/scim+json (a string as it is). */
export function scimClient(emu: TestEmulator, provider: string, token: string) {
  const at = (path: string) => `/scim/${provider}/v2${path}`;
  const body = (b: object | string) => (typeof b === "string" ? b : JSON.stringify(b));
  return {
    get: (path: string) => emu.http.get(at(path)).set("Authorization", `Bearer ${token}`),
    post: (path: string, b: object | string) => emu.http.post(at(path)).set("Authorization", `Bearer ${token}`).set("Content-Type", SCIM_MEDIA_TYPE).send(body(b)),
    put: (path: string, b: object) => emu.http.put(at(path)).set("Authorization", `Bearer ${token}`).set("Content-Type", SCIM_MEDIA_TYPE).send(body(b)),
    patch: (path: string, operations: object[]) => emu.http.patch(at(path)).set("Authorization", `Bearer ${token}`).set("Content-Type", SCIM_MEDIA_TYPE).send(body({ schemas: [PATCH_OP], Operations: operations })),
    del: (path: string) => emu.http.delete(at(path)).set("Authorization", `Bearer ${token}`),
  };
}
