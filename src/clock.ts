// The one clock: token expiry, timestamps and every "today" follow it, so tests can move time.
import { isoInstant } from "./iso-instant.js";

/** The instants every date the emulator writes can hold: four-digit years, from the epoch on. */
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export class ClockRangeError extends RangeError {}

/** A clock's setting: its distance from the machine's clock, or the instant it stands still at. */
export interface ClockSettings {
  offsetMs: number;
  frozenAt: number | null;
}

export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  /** Told of every change made here (not of adopt): a cluster writes it down for the other nodes. */
  onChange?: (settings: ClockSettings) => void;

  constructor(private readonly source: () => number = Date.now) {}

  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number {
    return this.frozenAt ?? this.source() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  isoNow(): string {
    return isoInstant(this.now());
  }

  /** Refuses an instant outside 1970–9999 (ClockRangeError) and changes nothing then. */
  set(ms: number): void {
    if (!(ms >= 0 && ms <= LATEST_INSTANT)) {
      const when = new Date(ms);
      throw new ClockRangeError(`the clock runs from 1970 to the end of 9999; ${Number.isNaN(when.getTime()) ? `${ms} ms after 1970` : when.toISOString()} is outside it`);
    }
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offsetMs = ms - this.source();
    this.onChange?.(this.settings());
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  freeze(): void {
    this.frozenAt = this.now();
    this.onChange?.(this.settings());
  }

  unfreeze(): void {
    if (this.frozenAt === null) return;
    const at = this.frozenAt;
    this.frozenAt = null;
    this.set(at);
  }

  /** What the clock is set to, as another node's clock can take it (adopt). */
  settings(): ClockSettings {
    return { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  adopt(settings: ClockSettings): void {
    this.offsetMs = settings.offsetMs;
    this.frozenAt = settings.frozenAt;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }
}
