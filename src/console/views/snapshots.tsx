import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function SnapshotsView(_props: ViewProps) {
  return <Page title="Snapshots">Not built yet.</Page>;
}
