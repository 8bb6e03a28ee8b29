import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function FileEventsView(_props: ViewProps) {
  return <Page title="File events">Not built yet.</Page>;
}
