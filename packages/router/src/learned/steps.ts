/**
 * Long computations written as generators that yield between steps, so one body serves both a
 * plain synchronous call and a sliced one that gives the event loop back every few milliseconds
 * (a gateway that trains its routers keeps serving while it fits). The steps compute exactly the
 * same thing either way: only where the caller may pause changes.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once. */
export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the steps, letting other work run (one event-loop turn) after each `sliceMs` of them. */
export async function runSliced<T>(steps: Steps<T>, sliceMs = 10): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await turn();
      sliceStart = performance.now();
    }
  }
}
