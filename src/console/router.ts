// Hash routes (#/users/…?tab=…): the console is one static page, so any path under /console/ works behind a proxy.
import { useEffect, useState } from "preact/hooks";

export interface Route {
  /** The view's name when a view was given its route (then `parts` are those after it), else "". */
  base: string;
  /** The path's segments, e.g. ["users", "<uid>"]. */
  parts: string[];
  params: URLSearchParams;
}

function current(): Route {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = hash.split("?");
  return { base: "", parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

/** The href of a route. */
export function href(path: string, params?: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return `#/${path.replace(/^\//, "")}${s ? `?${s}` : ""}`;
}

export function navigate(path: string, params?: Record<string, string | number | undefined>): void {
  window.location.hash = href(path, params);
}

/** The same route with some parameters changed (a tab, a page, a filter). */
export function withParams(route: Route, changes: Record<string, string | number | undefined>): string {
  const params: Record<string, string> = Object.fromEntries(route.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") delete params[k];
    else params[k] = String(v);
  }
  return href([route.base, ...route.parts].filter(Boolean).map(encodeURIComponent).join("/"), params);
}
