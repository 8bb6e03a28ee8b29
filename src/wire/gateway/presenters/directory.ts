// Departments and directory groups -> the gateway's pages (Code42's ListDepartmentsResponse and
// ListDirectoryGroupsResponse; the incydr SDK's DepartmentsPage and DirectoryGroupsPage).
import type { DirectoryGroup, DirectoryPage } from "../../../domains/directory/service.js";
import type { components, operations } from "../../../generated/openapi.js";

type DepartmentsPage = operations["listGatewayDepartments"]["responses"]["200"]["content"]["application/json"];
type DirectoryGroupsPage = operations["listGatewayDirectoryGroups"]["responses"]["200"]["content"]["application/json"];

export const presentGatewayDepartments = (page: DirectoryPage<string>): DepartmentsPage => ({ departments: page.items, totalCount: page.totalCount });

const presentGatewayDirectoryGroup = (g: DirectoryGroup): components["schemas"]["GatewayDirectoryGroup"] => ({ groupId: g.groupId, name: g.name });

export const presentGatewayDirectoryGroups = (page: DirectoryPage<DirectoryGroup>): DirectoryGroupsPage => ({
  directoryGroups: page.items.map(presentGatewayDirectoryGroup),
  totalCount: page.totalCount,
});
