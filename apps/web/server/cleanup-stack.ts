/**
 * What the server has started, stopped in reverse order. A failing step is reported and the rest
 * still run, so a half-started server never leaves Postgres or the mock LLM behind.
 */
export interface CleanupStep {
  name: string;
  run: () => Promise<void> | void;
}

export class CleanupStack {
  private readonly steps: CleanupStep[] = [];
  private running: Promise<string[]> | undefined;

  push(name: string, run: CleanupStep["run"]): void {
    this.steps.push({ name, run });
  }

  get size(): number {
    return this.steps.length;
  }

  /** Runs every step once, newest first; returns one line per failed step. Idempotent. */
  runAll(): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step.run();
        } catch (error) {
          failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return failures;
    })();
    return this.running;
  }
}
