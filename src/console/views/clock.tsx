// The emulated clock (GET /_emulator/clock, read every second while this page is open): advance it, set it, freeze it.
// Tokens, links, retention and every timestamp the API writes follow this clock, not the machine's.
import { Outcome, useAction } from "../components/action";
import { useEffect, useState } from "preact/hooks";
import { control } from "../api";
import { ApiCall, ErrorNote, Facts, Field, Page, when } from "../components/ui";
import type { ViewProps } from "./props";

interface ClockState {
  now: string;
  frozen: boolean;
}

const QUICK = ["31m", "1h", "1d"] as const;
const QUICK_LABEL: Record<string, string> = { "31m": "+31 min", "1h": "+1 hour", "1d": "+1 day" };

/** How far the emulated clock is from this browser's, in words ("2 h 5 min ahead"). */
export function offsetText(emulated: string, realMs: number): string {
  const diff = Date.parse(emulated) - realMs;
  const abs = Math.abs(diff);
  if (abs < 60_000) return "in step with this computer's clock";
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean).join(" ");
  return `${parts} ${diff > 0 ? "ahead of" : "behind"} this computer's clock`;
}

export function ClockView(_props: ViewProps) {
  const [clock, setClock] = useState<ClockState | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const action = useAction();
  const { busy } = action;
  const [by, setBy] = useState("31m");
  const [at, setAt] = useState("");

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const read = async () => {
      try {
        const c = await control<ClockState>("GET", "clock");
        if (live) {
          setClock(c);
          setReadError(null);
        }
      } catch (e) {
        if (live) setReadError((e as Error).message);
      }
      if (live) timer = window.setTimeout(read, 1000);
    };
    void read();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, []);

  const act = (what: string, path: string, body?: unknown) =>
    action.run(
      async () => {
        const c = await control<ClockState>("POST", `clock/${path}`, body === undefined ? {} : { body });
        setClock(c);
        return c;
      },
      (c) => `${what}: the emulated time is now ${when(c.now)}${c.frozen ? " (frozen)" : ""}.`,
    );
  const advance = (d: string) => act(`Advanced by ${d}`, "advance", { by: d });

  return (
    <Page title="Clock">
      <ApiCall method="GET" path="/_emulator/clock" note="read every second while this page is open" />
      <ErrorNote error={readError && `The clock could not be read: ${readError}`} />
      {clock && (
        <Facts
          items={[
            ["Emulated time", <strong class="clock-now">{when(clock.now)}</strong>],
            ["State", clock.frozen ? <span class="badge warn">frozen: time stands still until unfrozen or moved</span> : <span class="badge ok">running</span>],
            ["Offset", offsetText(clock.now, Date.now())],
          ]}
        />
      )}
      <p class="notice-warn" role="note">
        Tokens are issued on this clock: user tokens last 30 minutes and API-client tokens 15, so <strong>advancing past 30 minutes expires user
        tokens</strong> (a suite's and the console's; the console takes a new one by itself, a suite must sign in again). Emailed links last 7 days.
      </p>
      <Outcome action={action} />

      <h2>Advance</h2>
      <ApiCall method="POST" path="/_emulator/clock/advance" note={'body {"by": "31m"}: ms, s, m, h or d'} />
      <div class="toolbar">
        {QUICK.map((d) => (
          <button type="button" class="secondary" disabled={busy} onClick={() => advance(d)}>
            {QUICK_LABEL[d]}
          </button>
        ))}
      </div>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void advance(by.trim());
        }}
      >
        <Field label="Advance by (e.g. 31m, 2h, 1d)">
          <input value={by} onInput={(e) => setBy(e.currentTarget.value)} pattern="\d+(ms|s|m|h|d)" required size={10} />
        </Field>
        <button type="submit" disabled={busy}>
          Advance
        </button>
      </form>

      <h2>Set</h2>
      <ApiCall method="POST" path="/_emulator/clock/set" note={'body {"at": "2026-01-01T00:00:00Z"}'} />
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const iso = new Date(`${at}Z`).toISOString();
          void act("Set", "set", { at: iso });
        }}
      >
        <Field label="Date and time (UTC)">
          <input type="datetime-local" step={1} value={at} onInput={(e) => setAt(e.currentTarget.value)} required />
        </Field>
        <button type="submit" disabled={busy}>
          Set the clock
        </button>
      </form>

      <h2>Freeze</h2>
      <ApiCall method="POST" path={clock?.frozen ? "/_emulator/clock/unfreeze" : "/_emulator/clock/freeze"} />
      <p class="muted">A frozen clock stands still, so timestamps and token expiry repeat exactly from run to run; it still moves when advanced or set.</p>
      <div class="toolbar">
        {clock?.frozen ? (
          <button type="button" disabled={busy} onClick={() => act("Unfrozen", "unfreeze")}>
            Unfreeze
          </button>
        ) : (
          <button type="button" disabled={busy || !clock} onClick={() => act("Frozen", "freeze")}>
            Freeze
          </button>
        )}
      </div>
    </Page>
  );
}
