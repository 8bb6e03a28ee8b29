import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function OrgsView(_props: ViewProps) {
  return <Page title="Organizations">Not built yet.</Page>;
}
