import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function AlertsView(_props: ViewProps) {
  return <Page title="Alerts">Not built yet.</Page>;
}
