interface Pending<Entry, Reply> {
  entry: Entry;
  resolve: (reply: Reply) => void;
  reject: (error: unknown) => void;
}

interface Group<Settle, SettleReply, Admit, AdmitReply> {
  settles: Pending<Settle, SettleReply>[];
  admits: Pending<Admit, AdmitReply>[];
}

export type BatchRunner<Settle, SettleReply, Admit, AdmitReply> = (
  settles: Settle[],
  admits: Admit[],
) => Promise<{ settles: SettleReply[]; admits: AdmitReply[] }>;

/**
 * Coalesces script calls into one call per group (a team: its keys share a hash tag). Admissions
 * go out at the end of the current turn of the event loop, with whatever settlements of the team
 * are waiting; settlements, which nobody waits on in the request path, wait up to `settleDelayMs`
 * for an admission to ride with. Under load a request then costs one round trip, not two.
 */
export class ScriptBatcher<Settle, SettleReply, Admit, AdmitReply> {
  private groups = new Map<string, Group<Settle, SettleReply, Admit, AdmitReply>>();
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly run: BatchRunner<Settle, SettleReply, Admit, AdmitReply>,
    private readonly settleDelayMs = 5,
    private readonly maxBatch = 64,
  ) {}

  admit(group: string, entry: Admit): Promise<AdmitReply> {
    return new Promise((resolve, reject) => {
      this.group(group).admits.push({ entry, resolve, reject });
      this.immediate ??= setImmediate(() => this.flush());
    });
  }

  settle(group: string, entry: Settle): Promise<SettleReply> {
    return new Promise((resolve, reject) => {
      this.group(group).settles.push({ entry, resolve, reject });
      if (this.settleDelayMs <= 0) this.immediate ??= setImmediate(() => this.flush());
      else this.timer ??= setTimeout(() => this.flush(), this.settleDelayMs).unref();
    });
  }

  /** Send everything now and wait for every call in flight. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private group(name: string): Group<Settle, SettleReply, Admit, AdmitReply> {
    let group = this.groups.get(name);
    if (!group) {
      group = { settles: [], admits: [] };
      this.groups.set(name, group);
    }
    return group;
  }

  private flush(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = null;
    this.timer = null;
    const groups = [...this.groups.values()];
    this.groups = new Map();
    for (const { settles, admits } of groups) {
      while (settles.length > 0 || admits.length > 0) {
        const settleBatch = settles.splice(0, this.maxBatch);
        const admitBatch = admits.splice(0, this.maxBatch - settleBatch.length);
        this.send(settleBatch, admitBatch);
      }
    }
  }

  private send(
    settles: Pending<Settle, SettleReply>[],
    admits: Pending<Admit, AdmitReply>[],
  ): void {
    const call = this.run(
      settles.map((p) => p.entry),
      admits.map((p) => p.entry),
    ).then(
      (replies) => {
        answer(settles, replies.settles);
        answer(admits, replies.admits);
      },
      (error: unknown) => {
        for (const pending of [...settles, ...admits]) pending.reject(error);
      },
    );
    this.inFlight.add(call);
    void call.finally(() => this.inFlight.delete(call));
  }
}

function answer<Entry, Reply>(pending: Pending<Entry, Reply>[], replies: readonly Reply[]): void {
  pending.forEach((item, i) => {
    const reply = replies[i];
    if (reply === undefined) item.reject(new Error("missing script reply"));
    else item.resolve(reply);
  });
}
