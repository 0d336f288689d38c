import { rotateApiKey } from "@switchyard/db";
import { conflict } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import { GRACE_PERIODS, type rotateKey } from "../contract";
import { toKeyView } from "./key-view";
import { changeableKey, monthSpend, withCreator } from "./keys";

/**
 * A new secret for a key, shown once. The current secret keeps working for the chosen grace
 * period (the gateways find it by its previous hash and refuse it once the period ends); one
 * replaced by an earlier rotation stops now. Gateways drop their cached answers for every hash
 * involved (the keys topic), so each instance sees the rotation on its next request.
 */
export async function rotateKeyHandler({
  actor,
  params,
  body,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof rotateKey>) {
  const key = await changeableKey(prisma, actor, params, "rotate");
  if (key.revokedAt) throw conflict("A revoked key cannot be rotated: create a new key.");
  const now = new Date();
  const graceMs = GRACE_PERIODS[body.gracePeriod];
  const previousExpiresAt = graceMs > 0 ? new Date(now.getTime() + graceMs) : null;
  const { secret, record } = await prisma.$transaction(async (tx) => {
    const rotated = await rotateApiKey(tx as never, { id: key.id, previousExpiresAt, now });
    await audit(
      {
        action: "key.rotate",
        targetType: "api_key",
        targetId: key.id,
        before: { name: key.name, prefix: key.prefix },
        after: {
          name: rotated.record.name,
          prefix: rotated.record.prefix,
          gracePeriod: body.gracePeriod,
          previousSecretExpiresAt: previousExpiresAt,
        },
      },
      tx,
    );
    const withEmail = await tx.apiKey.findUniqueOrThrow({
      where: { id: key.id },
      include: withCreator,
    });
    return { secret: rotated.key, record: withEmail };
  });
  const hashes = [key.hash, key.previousHash, record.hash].filter(
    (hash): hash is string => hash !== null,
  );
  for (const hash of hashes) await publish({ topic: "keys", id: hash });
  return {
    key: toKeyView(record, await monthSpend(prisma, params.teamId, key.id)),
    secret,
  };
}
