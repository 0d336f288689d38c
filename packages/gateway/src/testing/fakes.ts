import {
  type ApiKeyInfo,
  type ChangeFeed,
  type ChangeMessage,
  type ConfigStore,
  hashApiKey,
  type KeyStore,
  type ModelInfo,
  type RequestLogEntry,
  type RoutingSnapshot,
  type TeamInfo,
  type UsageSink,
} from "@switchyard/core";

/** In-memory KeyStore: keys by plaintext for convenience, looked up by hash like the real one. */
export class MemoryKeyStore implements KeyStore {
  readonly byHash = new Map<string, ApiKeyInfo>();
  lookups = 0;
  readonly touched = new Map<string, Date>();
  /** While true, lookups fail as if the database were unreachable. */
  down = false;

  add(plaintext: string, key: ApiKeyInfo): void {
    this.byHash.set(hashApiKey(plaintext), key);
  }

  async findByHash(hash: string): Promise<ApiKeyInfo | null> {
    this.lookups += 1;
    if (this.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    return this.byHash.get(hash) ?? null;
  }

  async touchLastUsed(usage: ReadonlyMap<string, Date>): Promise<void> {
    for (const [id, at] of usage) this.touched.set(id, at);
  }
}

export class MemoryConfigStore implements ConfigStore {
  loads = 0;
  constructor(public snapshot: RoutingSnapshot) {}
  async loadSnapshot(): Promise<RoutingSnapshot> {
    this.loads += 1;
    return structuredClone(this.snapshot);
  }
}

/** UsageSink that records entries; `failNext(n)` makes the next n writes throw. */
/** In-memory UsageSink; like the database, writing a row it already has changes nothing. */
export class MemoryUsageSink implements UsageSink {
  readonly entries: RequestLogEntry[] = [];
  private readonly ids = new Set<string>();
  calls = 0;
  private failures = 0;
  /** While true, every write fails as if the database were down. */
  down = false;

  failNext(count: number): void {
    this.failures = count;
  }

  async writeBatch(entries: readonly RequestLogEntry[]): Promise<void> {
    this.calls += 1;
    if (this.down) throw new Error("database unavailable");
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("database unavailable");
    }
    for (const entry of entries) {
      if (this.ids.has(entry.id)) continue;
      this.ids.add(entry.id);
      this.entries.push(entry);
    }
  }
}

/** UsageSink that drops everything (benchmarks). */
export const nullUsageSink: UsageSink = { writeBatch: async () => undefined };

export class MemoryChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(message: ChangeMessage) => void>();
  async publish(message: ChangeMessage): Promise<void> {
    for (const listener of this.listeners) listener(message);
  }
  async subscribe(listener: (message: ChangeMessage) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }
}

export function makeTeam(overrides: Partial<TeamInfo> = {}): TeamInfo {
  return {
    id: "team_1",
    slug: "acme",
    name: "Acme",
    defaultModel: null,
    contentLogging: false,
    failMode: "open",
    timeZone: "UTC",
    sharedConnectionsAllowed: true,
    responseStorage: true,
    responseRetentionDays: 30,
    ...overrides,
  };
}

export function makeKey(team: TeamInfo, overrides: Partial<ApiKeyInfo> = {}): ApiKeyInfo {
  return {
    id: "key_1",
    teamId: team.id,
    name: "test key",
    prefix: "sk-sy-test",
    scopes: [],
    expiresAt: null,
    revokedAt: null,
    tags: [],
    learningOptOut: false,
    team,
    ...overrides,
  };
}

export function makeModel(
  overrides: Partial<ModelInfo> & Pick<ModelInfo, "name" | "baseUrl">,
): ModelInfo {
  return {
    id: `model_${overrides.name}`,
    aliases: [],
    providerKind: "mock",
    providerConnectionId: "conn_mock",
    upstreamName: overrides.name,
    apiKey: "sk-upstream",
    settings: {},
    inputPricePerMillion: 1,
    outputPricePerMillion: 2,
    contextWindow: 128_000,
    maxOutputTokens: null,
    capabilities: ["tools", "json", "streaming"],
    teamId: null,
    enabled: true,
    ...overrides,
  };
}
