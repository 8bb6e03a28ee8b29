// The gateway's sign-in and tenant operations, keyed by operationId: the OAuth client-credentials grant, a user's
// token, the caller's customer record. Tokens are the emulator's one kind of token: either wire accepts them.
import { parseBasic } from "../../auth/basic.js";
import type { AuthService } from "../../auth/service.js";
import type { TenantStore } from "../../domains/tenant/store.js";
import { callerOf } from "../../http/caller.js";
import { notFound } from "../../http/errors.js";
import type { HandlerTable } from "../../http/handlers.js";

export function gatewayAuthHandlers(auth: AuthService, tenants: TenantStore): HandlerTable {
  return {
    getGatewayAccessToken: async (req, res) => {
      // RFC 6749 §2.3.1: Basic, or the client's id and secret in the form body.
      const form = req.body;
      const credentials = parseBasic(req.get("authorization")) ?? (form?.client_id && form.client_secret ? { name: form.client_id, secret: form.client_secret } : null);
      const { token, expiresIn } = await auth.signInApiClient(credentials);
      res.json({ access_token: token, token_type: "bearer", expires_in: expiresIn });
    },
    getGatewayUserToken: async (req, res) => {
      res.json({ bearerToken: await auth.signInUser(parseBasic(req.get("authorization")), req.get("totp-auth")) });
    },
    getGatewayCustomer: async (req, res) => {
      const tenant = await tenants.get(callerOf(req).tenantUid);
      if (!tenant) throw notFound("TENANT_NOT_FOUND", "Tenant not found");
      res.json({ name: tenant.name, registrationKey: tenant.registration_key, tenantId: tenant.tenant_uid });
    },
  };
}
