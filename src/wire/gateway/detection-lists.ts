// The gateway's detection lists (/v1/detection-lists/*): the ECM service's twenty operations as the gateway routed
// them, same bodies, same answers. Each operationId is served by the legacy wire's handler for the same operation;
// the spec's `x-code42-family: gateway` is what makes their refusals {code, message} instead of ECM bulletins.
import type { HandlerTable } from "../../http/handlers.js";
import { detectionListHandlers } from "../legacy/detection-lists.js";
import type { GatewayDeps } from "./deps.js";

export function gatewayDetectionListHandlers({ db, clock, changes }: GatewayDeps): HandlerTable {
  const ecm = detectionListHandlers(db, clock, changes);
  return {
    createGatewayDetectionListUser: ecm.createDetectionListUser,
    getGatewayDetectionListUserById: ecm.getDetectionListUserById,
    getGatewayDetectionListUserByUsername: ecm.getDetectionListUserByUsername,
    refreshGatewayDetectionListUser: ecm.refreshDetectionListUser,
    addGatewayDetectionListCloudUsernames: ecm.addDetectionListCloudUsernames,
    removeGatewayDetectionListCloudUsernames: ecm.removeDetectionListCloudUsernames,
    addGatewayDetectionListRiskFactors: ecm.addDetectionListRiskFactors,
    removeGatewayDetectionListRiskFactors: ecm.removeDetectionListRiskFactors,
    updateGatewayDetectionListNotes: ecm.updateDetectionListNotes,

    addGatewayDepartingEmployee: ecm.addDepartingEmployee,
    getGatewayDepartingEmployee: ecm.getDepartingEmployee,
    removeGatewayDepartingEmployee: ecm.removeDepartingEmployee,
    searchGatewayDepartingEmployees: ecm.searchDepartingEmployees,
    setGatewayDepartingEmployeeAlertState: ecm.setDepartingEmployeeAlertState,
    updateGatewayDepartingEmployee: ecm.updateDepartingEmployee,

    addGatewayHighRiskEmployee: ecm.addHighRiskEmployee,
    getGatewayHighRiskEmployee: ecm.getHighRiskEmployee,
    removeGatewayHighRiskEmployee: ecm.removeHighRiskEmployee,
    searchGatewayHighRiskEmployees: ecm.searchHighRiskEmployees,
    setGatewayHighRiskEmployeeAlertState: ecm.setHighRiskEmployeeAlertState,
  };
}
