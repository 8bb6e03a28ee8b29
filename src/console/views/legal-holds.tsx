import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function LegalHoldsView(_props: ViewProps) {
  return <Page title="Legal holds">Not built yet.</Page>;
}
