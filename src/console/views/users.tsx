import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function UsersView(_props: ViewProps) {
  return <Page title="Users">Not built yet.</Page>;
}
