// The gateway's devices operations, keyed by operationId (being built: issue #17).
import type { HandlerTable } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";

export function gatewayDeviceHandlers(_deps: GatewayDeps): HandlerTable {
  return {};
}
