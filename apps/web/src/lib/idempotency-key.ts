"use client";
import { useCallback, useState } from "react";

/**
 * A fresh idempotency key: 128 random bits as hex. `crypto.getRandomValues`, unlike
 * `crypto.randomUUID`, also exists when the console is served over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The idempotency key of what a create form is about to make: the same key for every submission
 * of it (a double submit or a retry creates one thing), and `renew` after a success so the next
 * thing made with the form is a new one.
 */
export function useIdempotencyKey(): [key: string, renew: () => void] {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return [key, renew];
}
