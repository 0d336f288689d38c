import type { Reservation } from "./types";

export interface ReservationKeeperOptions {
  /** The engine's reservation lifetime: an unsettled reservation stops holding budget after it. */
  ttlMs: number;
  /** Extends one reservation's deadline by the TTL (reserveMore with nothing extra). */
  renew: (reservation: Reservation, now: number) => Promise<unknown>;
  clock: () => number;
  onError?: (reservation: Reservation, error: unknown) => void;
}

/**
 * Keeps the reservations of calls still running alive. A reservation expires TTL after it was
 * made or last renewed, so that a crashed instance's holds do not block a budget forever; a
 * stream that runs longer than that must not lose its hold (the budget would admit more than it
 * can pay for). Every reservation older than half the TTL is renewed; a check runs every quarter
 * TTL, so none ever gets within a quarter TTL of its deadline. Tracking is two Map operations a
 * request; the timer runs only while reservations are held (it stops itself at the first check that
 * finds none, so a gateway that is never idle for long does not create a timer per request).
 */
export class ReservationKeeper {
  /** Insertion order is renewal order: a renewed entry moves to the end. */
  private readonly held = new Map<string, { reservation: Reservation; renewedAt: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ReservationKeeperOptions) {}

  track(reservation: Reservation, now: number): void {
    this.held.set(reservation.id, { reservation, renewedAt: now });
    this.timer ??= setInterval(() => void this.renewDue(), this.options.ttlMs / 4).unref();
  }

  untrack(reservation: Reservation): void {
    this.held.delete(reservation.id);
  }

  get size(): number {
    return this.held.size;
  }

  /**
   * Renews every reservation last renewed half a TTL ago or earlier (the timer calls this);
   * resolves with how many were renewed once their renewals are done.
   */
  async renewDue(now = this.options.clock()): Promise<number> {
    if (this.held.size === 0) {
      this.stop();
      return 0;
    }
    const due: Reservation[] = [];
    for (const entry of this.held.values()) {
      if (now - entry.renewedAt < this.options.ttlMs / 2) break;
      due.push(entry.reservation);
    }
    const renewals = due.map((reservation) => {
      this.held.delete(reservation.id);
      this.held.set(reservation.id, { reservation, renewedAt: now });
      return this.options.renew(reservation, now).catch((error: unknown) => {
        this.options.onError?.(reservation, error);
      });
    });
    await Promise.all(renewals);
    return due.length;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
