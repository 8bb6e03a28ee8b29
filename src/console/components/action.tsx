// What a view's buttons do and how it went: one call at a time (busy), then what was done or the API's refusal,
// shown by <Outcome> under the view's head.
import { useState } from "preact/hooks";
import { ErrorNote, Notice } from "./ui";

export interface Outcome {
  done: string | null;
  error: string | null;
}

export interface Action {
  busy: boolean;
  outcome: Outcome;
  /** Runs `what`; says `message` (or what it makes of the result) when it succeeds, the refusal when not. */
  run<T>(what: () => Promise<T>, message: string | ((result: T) => string)): Promise<boolean>;
  /** Says an outcome the view worked out itself (several calls, some refused). */
  report(outcome: Outcome): void;
}

export function useAction(): Action {
  const [outcome, report] = useState<Outcome>({ done: null, error: null });
  const [busy, setBusy] = useState(false);
  return {
    busy,
    outcome,
    report,
    async run(what, message) {
      report({ done: null, error: null });
      setBusy(true);
      try {
        const result = await what();
        report({ done: typeof message === "string" ? message : message(result), error: null });
        return true;
      } catch (e) {
        report({ done: null, error: (e as Error).message });
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

export function Outcome({ action }: { action: Action }) {
  return (
    <>
      {action.outcome.done && <Notice>{action.outcome.done}</Notice>}
      <ErrorNote error={action.outcome.error} />
    </>
  );
}
