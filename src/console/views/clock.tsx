import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function ClockView(_props: ViewProps) {
  return <Page title="Clock">Not built yet.</Page>;
}
