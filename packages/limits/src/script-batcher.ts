/**
 * Coalesces script calls made in the same turn of the event loop into one call per group (a team:
 * its keys share a hash tag), so concurrent requests cost one round trip and one script run between
 * them. The script handles entries in order, each atomically.
 */
export class ScriptBatcher<Entry, Reply> {
  private readonly queues = new Map<
    string,
    { entry: Entry; resolve: (reply: Reply) => void; reject: (error: unknown) => void }[]
  >();
  private scheduled = false;

  constructor(
    private readonly run: (entries: Entry[]) => Promise<Reply[]>,
    private readonly maxBatch = 64,
  ) {}

  submit(group: string, entry: Entry): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      let queue = this.queues.get(group);
      if (!queue) {
        queue = [];
        this.queues.set(group, queue);
      }
      queue.push({ entry, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queues = [...this.queues.values()];
    this.queues.clear();
    for (const queue of queues) {
      for (let start = 0; start < queue.length; start += this.maxBatch) {
        const batch = queue.slice(start, start + this.maxBatch);
        this.run(batch.map((item) => item.entry)).then(
          (replies) => {
            batch.forEach((item, i) => {
              const reply = replies[i];
              if (reply === undefined) item.reject(new Error("missing script reply"));
              else item.resolve(reply);
            });
          },
          (error: unknown) => {
            for (const item of batch) item.reject(error);
          },
        );
      }
    }
  }
}
