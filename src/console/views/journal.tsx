import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function JournalView(_props: ViewProps) {
  return <Page title="Journal">Not built yet.</Page>;
}
