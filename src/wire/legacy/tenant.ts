// The legacy wire's tenant operations, keyed by operationId: customer/my (both paths), ServerEnv and the key-value
// store py42 discovers the microservices through.
import type { Request, Response } from "express";
import type { Clock } from "../../clock.js";
import { keyValue, requestOrigin, stsBaseUrl } from "../../domains/tenant/discovery.js";
import type { TenantStore } from "../../domains/tenant/store.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import type { HandlerTable } from "../../http/handlers.js";

export function tenantHandlers(tenants: TenantStore, clock: Clock): HandlerTable {
  const origin = (req: Request) => requestOrigin(req.protocol, req.get("host"), `${req.socket.localAddress}:${req.socket.localPort}`);

  const customerMy = async (req: Request, res: Response) => {
    const tenant = await tenants.get(callerOf(req).tenantUid);
    if (!tenant) throw notFound("TENANT_NOT_FOUND", "Tenant not found");
    res.json(
      v3Envelope({
        name: tenant.name,
        registrationKey: tenant.registration_key,
        deploymentModel: tenant.deployment_model,
        maintenanceMode: tenant.maintenance_mode === 1,
        tenantUid: tenant.tenant_uid,
        masterServicesAgreement: { accepted: true, acceptanceRequired: false },
      }),
    );
  };
  return {
    getCustomerMy: customerMy,
    getCustomerMyC42api: customerMy,
    getServerEnv: (req, res) => {
      res.json(
        v1Envelope(req, clock.isoNow(), {
          stsBaseUrl: stsBaseUrl(origin(req)),
          deploymentModel: "PUBLIC",
          serverId: 1,
          serverGuid: "code42-emulator",
          clusterServerGuid: "code42-emulator",
          httpPort: req.socket.localPort ?? 0,
          timeZoneId: "UTC",
        }),
      );
    },
    // Only the keys the store knows have a value; any other is a 404 with an empty body, as the store answers.
    getKeyValue: (req, res) => {
      const value = keyValue(String(req.params.key), origin(req));
      res.type("text/plain");
      if (value === undefined) res.status(404).send("");
      else res.send(value);
    },
  };
}
