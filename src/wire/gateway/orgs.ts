// The gateway's orgs operations, keyed by operationId (being built: issue #17).
import type { HandlerTable } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";

export function gatewayOrgHandlers(_deps: GatewayDeps): HandlerTable {
  return {};
}
