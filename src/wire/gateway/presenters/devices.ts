// Devices and agents -> the gateway's shapes (Code42's document of 2024-09-13; the incydr SDK's Device and Agent
// models). Both name a device by its guid and keep the legacy wire's numeric ids as legacy*Id.
import type { components } from "../../../generated/openapi.js";
import type { AgentPageJson, DevicePageJson, DeviceRecord } from "../../../domains/devices/service.js";
import { HEALTH_ISSUES, HEALTH_MODIFIED } from "../../../domains/devices/agents.js";
import type { AgentRow } from "../../../domains/devices/agent-store.js";
import { REPORTED_HOSTNAME } from "../../../domains/devices/hostname.js";
import { DEVICE_OS_NAMES } from "../../../domains/devices/store.js";
import type { LeveledDevice } from "../../../domains/devices/store.js";
import { flagsFunction, sqlFunction } from "../../../db/sql-functions.js";
import { jsonParts, JsonTexts } from "../../../http/json-text.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

type Schemas = components["schemas"];

/** Active or Deactivated, then Blocked and Deauthorized where they apply (the SDK's Device.status). */
const DEVICE_STATUS = flagsFunction(
  "gateway_device_status",
  (active: number, blocked: number, deauthorized: number) => [active ? "Active" : "Deactivated", ...(blocked ? ["Blocked"] : []), ...(deauthorized ? ["Deauthorized"] : [])].join(", "),
);

const { value, text, flag, computed } = fieldsOf<LeveledDevice>();

/** A device as the gateway writes it: one declaration for a single device and for a page SQLite writes (projection.ts). */
export const GATEWAY_DEVICE: Projection<LeveledDevice, Schemas["GatewayDevice"]> = {
  deviceId: value("guid"),
  legacyDeviceId: text("computer_id"),
  name: value("name"),
  osHostname: computed(REPORTED_HOSTNAME, "service", "product_version", "os_hostname"),
  status: computed(DEVICE_STATUS, "active", "blocked", "deauthorized"),
  active: flag("active"),
  blocked: flag("blocked"),
  alertState: value("alert_level"),
  userId: value("user_uid"),
  legacyUserId: text("user_id"),
  orgId: value("org_uid"),
  legacyOrgId: text("org_id"),
  orgGuid: value("org_guid"),
  externalReferenceInfo: value("computer_ext_ref"),
  notes: value("notes"),
  lastConnected: value("last_connected"),
  osName: value("os_name"),
  osVersion: value("os_version"),
  osArch: value("os_arch"),
  address: value("address"),
  remoteAddress: value("remote_address"),
  timeZone: value("time_zone"),
  version: value("product_version"),
  build: value("build_version"),
  creationDate: value("creation_date"),
  modificationDate: value("modification_date"),
  loginDate: value("login_date"),
};

const projectDevice = projector(GATEWAY_DEVICE);

export const presentGatewayDevice = ({ device, alertLevel }: DeviceRecord): Schemas["GatewayDevice"] => projectDevice({ ...device, alert_level: alertLevel });

/** A page whose devices SQLite wrote as JSON. */
export const presentGatewayDevicePageJson = ({ totalCount, json }: DevicePageJson) => jsonParts({ totalCount, devices: new JsonTexts(json) });

/** The agent's os as the SDK's examples show it (Win, Mac, Linux); its filter names them WIN, MAC, LINUX. */
const AGENT_OS_NAME = sqlFunction("gateway_agent_os_name", (name: string) => name.charAt(0).toUpperCase() + name.slice(1), "value", DEVICE_OS_NAMES);

const agent = fieldsOf<AgentRow>();

/** An agent as the gateway writes it: one declaration for a single agent and for a page SQLite writes (projection.ts). */
export const GATEWAY_AGENT: Projection<AgentRow, Schemas["GatewayAgent"]> = {
  agentId: agent.value("guid"),
  name: agent.value("name"),
  userId: agent.value("user_uid"),
  osHostname: agent.computed(REPORTED_HOSTNAME, "service", "product_version", "os_hostname"),
  osName: agent.computed(AGENT_OS_NAME, "os_name"),
  machineId: agent.constant(null),
  serialNumber: agent.constant(null),
  active: agent.flag("active"),
  agentType: agent.value("agent_type"),
  agentHealthIssueTypes: agent.computed(HEALTH_ISSUES, "not_connecting", "missing_full_disk_access"),
  agentHealthModificationDate: agent.computed(HEALTH_MODIFIED, "not_connecting", "last_connected"),
  appVersion: agent.value("product_version"),
  productVersion: agent.value("product_version"),
  lastConnected: agent.value("last_connected"),
  externalReference: agent.value("computer_ext_ref"),
  creationDate: agent.value("creation_date"),
  modificationDate: agent.value("modification_date"),
};

export const presentGatewayAgent = projector(GATEWAY_AGENT);

/** A page whose agents SQLite wrote as JSON. */
export const presentGatewayAgentPageJson = ({ totalCount, json }: AgentPageJson, pgNum: number, pgSize: number) => jsonParts({ agents: new JsonTexts(json), totalCount, pageSize: pgSize, page: pgNum });
