import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function OutboxView(_props: ViewProps) {
  return <Page title="Outbox">Not built yet.</Page>;
}
