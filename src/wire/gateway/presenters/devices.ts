// Devices and agents -> the gateway's shapes (Code42's document of 2024-09-13; the incydr SDK's Device and Agent
// models). Both name a device by its guid and keep the legacy wire's numeric ids as legacy*Id.
import type { components } from "../../../generated/openapi.js";
import type { AgentPage, DevicePageJson, DeviceRecord } from "../../../domains/devices/service.js";
import type { AgentRecord } from "../../../domains/devices/agents.js";
import { REPORTED_HOSTNAME, reportedHostname } from "../../../domains/devices/hostname.js";
import type { LeveledDevice } from "../../../domains/devices/store.js";
import { flagsFunction } from "../../../db/sql-functions.js";
import { jsonParts, JsonTexts } from "../../../http/json-text.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

type Schemas = components["schemas"];

/** Active or Deactivated, then Blocked and Deauthorized where they apply (the SDK's Device.status). */
const DEVICE_STATUS = flagsFunction(
  "gateway_device_status",
  (active: number, blocked: number, deauthorized: number) => [active ? "Active" : "Deactivated", ...(blocked ? ["Blocked"] : []), ...(deauthorized ? ["Deauthorized"] : [])].join(", "),
  false,
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
const osName = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export function presentGatewayAgent({ device: d, type, healthIssues, healthModified }: AgentRecord): Schemas["GatewayAgent"] {
  return {
    agentId: d.guid,
    name: d.name,
    userId: d.user_uid,
    osHostname: reportedHostname(d),
    osName: osName(d.os_name),
    machineId: null,
    serialNumber: null,
    active: d.active === 1,
    agentType: type,
    agentHealthIssueTypes: healthIssues,
    agentHealthModificationDate: healthModified,
    appVersion: d.product_version,
    productVersion: d.product_version,
    lastConnected: d.last_connected,
    externalReference: d.computer_ext_ref,
    creationDate: d.creation_date,
    modificationDate: d.modification_date,
  };
}

export const presentGatewayAgentPage = (page: AgentPage, pgNum: number, pgSize: number) => ({
  agents: page.agents.map(presentGatewayAgent),
  totalCount: page.totalCount,
  pageSize: pgSize,
  page: pgNum,
});
