import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function FaultsView(_props: ViewProps) {
  return <Page title="Faults">Not built yet.</Page>;
}
