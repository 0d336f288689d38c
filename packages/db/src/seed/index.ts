/**
 * Demo data for a fresh instance. Idempotent: a second run creates nothing new (it only follows a
 * changed mock provider URL), so the app can call it on every start.
 */

import { API_KEY_FORMAT, hashApiKey, isWellFormedApiKey } from "@switchyard/core";
import { z } from "zod";
import { createApiKey } from "../api-keys";
import { encryptSecret } from "../crypto";
import type { PrismaClient } from "../generated/client";
import { hashPassword, normalizeEmail } from "../users";
import {
  DEMO_CONNECTION_CREDENTIAL,
  DEMO_CONNECTION_NAME,
  DEMO_KEY_NAME,
  DEMO_MODELS,
  DEMO_POLICY,
  DEMO_TEAM,
} from "./demo-catalog";

export * from "./demo-catalog";

const seedOptionsSchema = z.object({
  ownerEmail: z.string().trim().toLowerCase().pipe(z.email()),
  ownerPassword: z.string().min(8, "ownerPassword must be at least 8 characters"),
  mockBaseUrl: z.url().transform((url) => url.replace(/\/+$/, "")),
  encryptionKey: z.string().min(1),
  demoKey: z
    .string()
    .refine(isWellFormedApiKey, `demoKey must look like ${API_KEY_FORMAT}`)
    .optional(),
});

export type SeedOptions = z.input<typeof seedOptionsSchema>;

export interface SeedResult {
  ownerEmail: string;
  teamSlug: string;
  /**
   * The demo key's plaintext: the `demoKey` passed in (whether this run stored it or it already
   * existed), or a generated key when this run created one; null when a generated demo key exists
   * from an earlier run (its plaintext is not stored anywhere).
   */
  demoKey: string | null;
}

export async function seed(prisma: PrismaClient, rawOptions: SeedOptions): Promise<SeedResult> {
  const parsed = seedOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) {
    throw new Error(
      `invalid seed options: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`,
    );
  }
  const options = parsed.data;
  const ownerEmail = normalizeEmail(options.ownerEmail);

  const owner =
    (await prisma.user.findUnique({ where: { email: ownerEmail } })) ??
    (await prisma.user.create({
      data: {
        email: ownerEmail,
        name: "Owner",
        passwordHash: await hashPassword(options.ownerPassword),
        isOwner: true,
      },
    }));

  const team = await prisma.team.upsert({
    where: { slug: DEMO_TEAM.slug },
    update: {},
    create: {
      slug: DEMO_TEAM.slug,
      name: DEMO_TEAM.name,
      defaultModel: DEMO_POLICY.body.defaultModel,
      // The demo team runs on the shared mock connection: the owner allows it from the start.
      sharedConnectionsAllowed: true,
    },
  });

  await prisma.membership.upsert({
    where: { userId_teamId: { userId: owner.id, teamId: team.id } },
    update: {},
    create: { userId: owner.id, teamId: team.id, role: "owner" },
  });

  const demoKey = await ensureDemoKey(prisma, team.id, owner.id, options.demoKey);
  const connectionId = await ensureMockConnection(
    prisma,
    options.mockBaseUrl,
    options.encryptionKey,
  );

  // Shared models (team null) are unique by name among themselves (a partial unique index).
  for (const model of DEMO_MODELS) {
    const existing = await prisma.model.findFirst({
      where: { teamId: null, name: model.name },
      select: { id: true },
    });
    if (!existing) await prisma.model.create({ data: { ...model, connectionId, teamId: null } });
  }

  await ensureDemoPolicy(prisma, team.id, owner.id);
  return { ownerEmail, teamSlug: team.slug, demoKey };
}

async function ensureDemoKey(
  prisma: PrismaClient,
  teamId: string,
  ownerId: string,
  plaintext: string | undefined,
): Promise<string | null> {
  const existing = plaintext
    ? await prisma.apiKey.findUnique({ where: { hash: hashApiKey(plaintext) } })
    : await prisma.apiKey.findFirst({ where: { teamId, name: DEMO_KEY_NAME } });
  if (existing) return plaintext ?? null;
  const created = await createApiKey(prisma, {
    teamId,
    name: DEMO_KEY_NAME,
    createdById: ownerId,
    ...(plaintext ? { plaintext } : {}),
  });
  return created.key;
}

async function ensureMockConnection(
  prisma: PrismaClient,
  mockBaseUrl: string,
  encryptionKey: string,
): Promise<string> {
  const baseUrl = `${mockBaseUrl}/v1`;
  const existing = await prisma.providerConnection.findFirst({
    where: { teamId: null, name: DEMO_CONNECTION_NAME },
    orderBy: { createdAt: "asc" },
  });
  if (existing) {
    if (existing.baseUrl !== baseUrl) {
      await prisma.providerConnection.update({ where: { id: existing.id }, data: { baseUrl } });
    }
    return existing.id;
  }
  const created = await prisma.providerConnection.create({
    data: {
      teamId: null,
      kind: "openai",
      name: DEMO_CONNECTION_NAME,
      baseUrl,
      encryptedCredentials: encryptSecret(DEMO_CONNECTION_CREDENTIAL, encryptionKey),
    },
  });
  return created.id;
}

async function ensureDemoPolicy(
  prisma: PrismaClient,
  teamId: string,
  authorId: string,
): Promise<void> {
  const policy = await prisma.routingPolicy.upsert({
    where: { teamId_alias: { teamId, alias: DEMO_POLICY.alias } },
    update: {},
    create: { teamId, name: DEMO_POLICY.name, alias: DEMO_POLICY.alias },
  });
  if (policy.publishedVersionId !== null) return;
  const versions = await prisma.policyVersion.count({ where: { policyId: policy.id } });
  if (versions > 0) return; // someone else's draft history: leave it alone
  await prisma.$transaction(async (transaction) => {
    const version = await transaction.policyVersion.create({
      data: {
        policyId: policy.id,
        version: 1,
        body: DEMO_POLICY.body,
        authorId,
        note: "Demo policy",
        publishedAt: new Date(),
      },
    });
    await transaction.routingPolicy.update({
      where: { id: policy.id },
      data: { publishedVersionId: version.id },
    });
  });
}
