/** A clock tests move by hand. */
export class TestClock {
  constructor(private current: number) {}

  readonly now = (): number => this.current;

  set(instant: number): void {
    this.current = instant;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
