import { Page } from "../components/ui";
import type { ViewProps } from "./props";

export function WatchlistsView(_props: ViewProps) {
  return <Page title="Watchlists">Not built yet.</Page>;
}
