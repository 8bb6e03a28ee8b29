import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function CoverageView(_props: ViewProps) {
  return <Page title="Coverage">Not built yet.</Page>;
}
