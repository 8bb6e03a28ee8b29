// Data for a view: fetched when its inputs change and again whenever something was written (useDataVersion). While
// a refresh of the same inputs is under way the data shown stays; data fetched for other inputs (the page before,
// another filter) is never shown as this one's.
import { useEffect, useState } from "preact/hooks";
import { useDataVersion } from "../live";

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): Loaded<T> {
  const version = useDataVersion();
  const key = JSON.stringify(inputs);
  const [state, setState] = useState<{ key: string; data: T | undefined; error: string | null; loading: boolean }>({ key, data: undefined, error: null, loading: true });
  const [again, setAgain] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ key, data, error: null, loading: false }),
      (e: Error) => live && setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: e.message, loading: false })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version, again]);
  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : null, loading: !current || state.loading, reload: () => setAgain((n) => n + 1) };
}
