// The one clock: token expiry, timestamps and every "today" follow it, so tests can move time.
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(private readonly source: () => number = Date.now) {}

  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number {
    return this.frozenAt ?? this.source() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  set(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offsetMs = ms - this.source();
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  freeze(): void {
    this.frozenAt = this.now();
  }

  unfreeze(): void {
    if (this.frozenAt === null) return;
    const at = this.frozenAt;
    this.frozenAt = null;
    this.set(at);
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }
}
