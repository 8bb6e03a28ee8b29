import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function CompleteLinkView(_props: ViewProps) {
  return <Page title="Complete your account">Not built yet.</Page>;
}
