import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A key in the database's format ("sk-sy-" + 32 letters or digits), known to the tests. */
export function newDemoKey(): string {
  let key = "sk-sy-";
  for (const byte of randomBytes(64)) {
    if (byte < 248 && key.length < 38) key += BASE62[byte % 62];
  }
  return key.length === 38 ? key : newDemoKey();
}
