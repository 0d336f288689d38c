import {
  type AddressPolicy,
  denyPrivateAddresses,
  guardedConnectOptions,
  isAddressDenied,
} from "@switchyard/core/network";
import { Pool } from "undici";
import { CircuitBreakers } from "./circuit-breakers";

export interface PoolOptions {
  connections: number;
  connectTimeoutMs: number;
  /** Which internal addresses upstreams may be at; default: none (public addresses only). */
  addressPolicy?: AddressPolicy;
  /** The deployments' circuit breakers; default: none (every attempt goes ahead). */
  breakers?: CircuitBreakers;
}

/**
 * One keep-alive undici Pool per upstream origin, created on first use. Every connection goes
 * through the address policy: an origin whose host is a refused IP literal (or always-internal
 * name) gets no pool, and a name is checked on each connect, on the addresses it resolves to.
 * The deployments' health (circuit breakers) lives beside the pools: every attempt asks both.
 */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();
  /** Origins refused at sight, with their error (the policy does not change while running). */
  private readonly refused = new Map<string, Error>();
  private readonly addressPolicy: AddressPolicy;
  readonly breakers: CircuitBreakers;

  constructor(private readonly options: PoolOptions) {
    this.addressPolicy = options.addressPolicy ?? denyPrivateAddresses;
    this.breakers =
      options.breakers ??
      new CircuitBreakers({ failureThreshold: 0, coolDownMs: 0, probeTimeoutMs: 0 });
  }

  /** The origin's pool; throws an AddressDeniedError for an origin the policy refuses. */
  get(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      const refusal = this.refused.get(origin);
      if (refusal !== undefined) throw refusal;
      let connect: ReturnType<typeof guardedConnectOptions>;
      try {
        connect = guardedConnectOptions(this.addressPolicy, new URL(origin));
      } catch (error) {
        if (isAddressDenied(error)) this.refused.set(origin, error);
        throw error;
      }
      pool = new Pool(origin, {
        connections: this.options.connections,
        connect: { timeout: this.options.connectTimeoutMs, ...connect },
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => pool.destroy())));
  }
}
