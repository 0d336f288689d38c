interface Pending<Entry, Reply> {
  entry: Entry;
  resolve: (reply: Reply) => void;
  reject: (error: unknown) => void;
}

interface Group<Settle, SettleReply, Admit, AdmitReply> {
  settles: Pending<Settle, SettleReply>[];
  admits: Pending<Admit, AdmitReply>[];
  /** Script calls of this group sent and not yet answered. */
  inFlight: number;
}

export type BatchRunner<Settle, SettleReply, Admit, AdmitReply> = (
  settles: Settle[],
  admits: Admit[],
) => Promise<{ settles: SettleReply[]; admits: AdmitReply[] }>;

/**
 * Coalesces script calls into one call per group (a team: its keys share a hash tag). Admissions
 * go out at the end of the current turn of the event loop, with whatever settlements of the team
 * are waiting; settlements, which nobody waits on in the request path, wait up to `settleDelayMs`
 * for an admission to ride with. A group has at most `maxInFlight` calls out at once: what arrives
 * meanwhile goes in the next call, sent as soon as one answers (group commit). An idle team's
 * admission is sent at once; a busy team's wait at most one round trip and share it, so under load
 * a request costs a fraction of a script call, not one or two.
 */
export class ScriptBatcher<Settle, SettleReply, Admit, AdmitReply> {
  private readonly groups = new Map<string, Group<Settle, SettleReply, Admit, AdmitReply>>();
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly run: BatchRunner<Settle, SettleReply, Admit, AdmitReply>,
    private readonly settleDelayMs = 5,
    private readonly maxBatch = 64,
    private readonly maxInFlight = 1,
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

  /** Send everything (regardless of calls in flight) and wait until every call has answered. */
  async drain(): Promise<void> {
    this.flush(true);
    await Promise.allSettled([...this.inFlight]);
    if ([...this.groups.values()].some((g) => g.settles.length > 0 || g.admits.length > 0))
      await this.drain();
  }

  private group(name: string): Group<Settle, SettleReply, Admit, AdmitReply> {
    let group = this.groups.get(name);
    if (!group) {
      group = { settles: [], admits: [], inFlight: 0 };
      this.groups.set(name, group);
    }
    return group;
  }

  private flush(all = false): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = null;
    this.timer = null;
    for (const [name, group] of this.groups) {
      while (
        (group.settles.length > 0 || group.admits.length > 0) &&
        (all || group.inFlight < this.maxInFlight)
      ) {
        const settles = group.settles.splice(0, this.maxBatch);
        const admits = group.admits.splice(0, this.maxBatch - settles.length);
        this.send(name, group, settles, admits);
      }
      if (group.inFlight === 0) this.groups.delete(name);
    }
  }

  private send(
    name: string,
    group: Group<Settle, SettleReply, Admit, AdmitReply>,
    settles: Pending<Settle, SettleReply>[],
    admits: Pending<Admit, AdmitReply>[],
  ): void {
    group.inFlight += 1;
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
    void call.finally(() => {
      this.inFlight.delete(call);
      group.inFlight -= 1;
      // What queued behind this call goes now (admissions) or with the settle timer.
      if (group.admits.length > 0) this.immediate ??= setImmediate(() => this.flush());
      else if (group.settles.length > 0)
        this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.settleDelayMs)).unref();
      else if (group.inFlight === 0 && this.groups.get(name) === group) this.groups.delete(name);
    });
  }
}

function answer<Entry, Reply>(pending: Pending<Entry, Reply>[], replies: readonly Reply[]): void {
  pending.forEach((item, i) => {
    const reply = replies[i];
    if (reply === undefined) item.reject(new Error("missing script reply"));
    else item.resolve(reply);
  });
}
