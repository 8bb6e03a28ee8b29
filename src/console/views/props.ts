import type { Route } from "../router";
import type { Tenant } from "../state";

/** What every view gets: the tenant shown and the route (its path parts after the view's name, and its parameters). */
export interface ViewProps {
  tenant: Tenant;
  route: Route;
}
