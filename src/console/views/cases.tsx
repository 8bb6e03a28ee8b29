import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function CasesView(_props: ViewProps) {
  return <Page title="Cases">Not built yet.</Page>;
}
