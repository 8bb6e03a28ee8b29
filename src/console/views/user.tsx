import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function UserView(_props: ViewProps) {
  return <Page title="User">Not built yet.</Page>;
}
