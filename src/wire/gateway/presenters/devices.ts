// Devices and agents -> the gateway's shapes (Code42's document of 2024-09-13; the incydr SDK's Device and Agent
// models). Both name a device by its guid and keep the legacy wire's numeric ids as legacy*Id.
import type { components } from "../../../generated/openapi.js";
import type { AgentPage, DevicePage, DeviceRecord } from "../../../domains/devices/service.js";
import type { AgentRecord } from "../../../domains/devices/agents.js";
import { reportedHostname } from "../../../domains/devices/hostname.js";
import type { DeviceRow } from "../../../domains/devices/store.js";

type Schemas = components["schemas"];

/** Active or Deactivated, then Blocked and Deauthorized where they apply (the SDK's Device.status). */
function status(d: DeviceRow): string {
  return [d.active ? "Active" : "Deactivated", ...(d.blocked ? ["Blocked"] : []), ...(d.deauthorized ? ["Deauthorized"] : [])].join(", ");
}

export function presentGatewayDevice({ device: d, alertLevel }: DeviceRecord): Schemas["GatewayDevice"] {
  return {
    deviceId: d.guid,
    legacyDeviceId: String(d.computer_id),
    name: d.name,
    osHostname: reportedHostname(d),
    status: status(d),
    active: d.active === 1,
    blocked: d.blocked === 1,
    alertState: alertLevel,
    userId: d.user_uid,
    legacyUserId: String(d.user_id),
    orgId: d.org_uid,
    legacyOrgId: String(d.org_id),
    orgGuid: d.org_guid,
    externalReferenceInfo: d.computer_ext_ref,
    notes: d.notes,
    lastConnected: d.last_connected,
    osName: d.os_name,
    osVersion: d.os_version,
    osArch: d.os_arch,
    address: d.address,
    remoteAddress: d.remote_address,
    timeZone: d.time_zone,
    version: d.product_version,
    build: d.build_version,
    creationDate: d.creation_date,
    modificationDate: d.modification_date,
    loginDate: d.login_date,
  };
}

export const presentGatewayDevicePage = (page: DevicePage): Schemas["GatewayDevicePage"] => ({ totalCount: page.totalCount, devices: page.devices.map(presentGatewayDevice) });

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
