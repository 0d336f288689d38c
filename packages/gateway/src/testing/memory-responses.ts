import type { ResponseStore, StoredResponse } from "@switchyard/core";

/** In-memory ResponseStore with the database's rules: per team, expired rows never served. */
export class MemoryResponseStore implements ResponseStore {
  readonly rows = new Map<string, StoredResponse>();
  writes = 0;
  /** While true, writes wait for `release()` (a slow database). */
  private held: (() => void)[] | null = null;

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = null;
    for (const resume of waiting) resume();
  }

  async writeBatch(responses: readonly StoredResponse[]): Promise<void> {
    if (this.held !== null) {
      const held = this.held;
      await new Promise<void>((resolve) => held.push(resolve));
    }
    this.writes += 1;
    for (const stored of responses)
      if (!this.rows.has(stored.id)) this.rows.set(stored.id, structuredClone(stored));
  }

  async find(teamId: string, id: string, now: Date): Promise<StoredResponse | null> {
    const row = this.rows.get(id);
    if (row === undefined || row.teamId !== teamId || row.expiresAt <= now) return null;
    return structuredClone(row);
  }

  async delete(teamId: string, id: string, now: Date): Promise<boolean> {
    const row = this.rows.get(id);
    if (row === undefined || row.teamId !== teamId || row.expiresAt <= now) return false;
    this.rows.delete(id);
    return true;
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    let count = 0;
    for (const [id, row] of this.rows) {
      if (count >= limit) break;
      if (row.expiresAt <= now) {
        this.rows.delete(id);
        count += 1;
      }
    }
    return count;
  }
}
