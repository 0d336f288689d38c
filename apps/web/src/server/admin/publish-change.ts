/**
 * Tells every gateway instance (this one included) that keys, config or budgets changed, through
 * the same Postgres channel the gateways listen on.
 */
import type { ChangeMessage } from "@switchyard/core";
import { CHANGE_CHANNEL } from "@switchyard/db";
import { getPrisma } from "../db";

export async function publishChange(message: ChangeMessage): Promise<void> {
  const payload = JSON.stringify(message.id === undefined ? { topic: message.topic } : message);
  await getPrisma().$executeRaw`select pg_notify(${CHANGE_CHANNEL}, ${payload})`;
}
