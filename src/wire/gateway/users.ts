// The gateway's users operations, keyed by operationId (being built: issue #17).
import type { HandlerTable } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";

export function gatewayUsersHandlers(_deps: GatewayDeps): HandlerTable {
  return {};
}
