import { randomBytes } from "node:crypto";

/** Reservation ids unique across instances: a random instance prefix and a counter. */
export function reservationIdGenerator(): () => string {
  const prefix = randomBytes(6).toString("hex");
  let counter = 0;
  return () => {
    counter += 1;
    return `${prefix}.${counter.toString(36)}`;
  };
}
