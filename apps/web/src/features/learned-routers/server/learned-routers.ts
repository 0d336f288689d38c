/**
 * Route handlers for learned routers: the versions of each policy's learned targets, and training
 * a policy's targets now (@switchyard/server's trainPolicy: the same code the gateway's schedule
 * runs; the new version reaches every gateway through the `config` change notice).
 */
import type { LearnedRouterVersion } from "@switchyard/core";
import { PrismaConfigStore, PrismaLearnedRouterStore } from "@switchyard/db";
import {
  DEFAULT_REFIT_RULE,
  LearningError,
  type TargetTraining,
  trainPolicy,
} from "@switchyard/server";
import { AdminError, badRequest } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import { getEnv } from "@/server/env";
import { getOutcomeStore } from "@/server/outcomes";
import type {
  LearnedRouterVersionView,
  listLearnedRouters,
  trainLearnedRouters,
} from "../contract";

export function versionView(version: LearnedRouterVersion): LearnedRouterVersionView {
  return {
    policyId: version.policyId,
    modelsKey: version.modelsKey,
    version: version.version,
    artefactId: version.artefactId,
    models: version.models,
    trainedOn: version.trainedOn,
    heldOut: (version.heldOut ?? null) as LearnedRouterVersionView["heldOut"],
    createdAt: version.createdAt.toISOString(),
  };
}

export async function listLearnedRoutersHandler({
  params,
  prisma,
}: HandlerContext<typeof listLearnedRouters>) {
  const versions = await new PrismaLearnedRouterStore(prisma).versions(params.teamId);
  const policies = await prisma.routingPolicy.findMany({
    where: { teamId: params.teamId, id: { in: [...new Set(versions.map((v) => v.policyId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(policies.map((policy) => [policy.id, policy.name]));
  const targets = new Map<
    string,
    {
      policyId: string;
      policyName: string | null;
      modelsKey: string;
      versions: LearnedRouterVersionView[];
    }
  >();
  for (const version of versions) {
    const id = JSON.stringify([version.policyId, version.modelsKey]);
    let target = targets.get(id);
    if (target === undefined) {
      target = {
        policyId: version.policyId,
        policyName: names.get(version.policyId) ?? null,
        modelsKey: version.modelsKey,
        versions: [],
      };
      targets.set(id, target);
    }
    target.versions.push(versionView(version));
  }
  return { targets: [...targets.values()] };
}

const skippedMessage = (target: Extract<TargetTraining, { status: "skipped" }>, minimum: number) =>
  target.reason === "busy"
    ? `${target.key}: being trained by another instance right now`
    : `${target.key}: ${target.usable} usable outcome${target.usable === 1 ? "" : "s"} (at least ${minimum} needed)`;

export async function trainLearnedRoutersHandler({
  params,
  body,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof trainLearnedRouters>) {
  const policy = await prisma.routingPolicy.findFirst({
    where: { id: body.policyId, teamId: params.teamId },
    select: { id: true },
  });
  if (!policy) {
    throw badRequest("body.policyId: no such policy in this team", [
      { path: "body.policyId", message: "no such policy in this team" },
    ]);
  }
  const outcomes = getOutcomeStore();
  if (outcomes === null) {
    throw new AdminError(
      409,
      "outcomes_unavailable",
      "This instance records no graded outcomes, so there is nothing to train on.",
    );
  }
  const encryptionKey = getEnv().encryptionKey;
  if (!encryptionKey) {
    throw new AdminError(
      503,
      "encryption_key_missing",
      "SWITCHYARD_ENCRYPTION_KEY is not set, so the team's models cannot be read.",
    );
  }
  let result: Awaited<ReturnType<typeof trainPolicy>>;
  try {
    result = await trainPolicy(
      {
        outcomes,
        routers: new PrismaLearnedRouterStore(prisma),
        config: new PrismaConfigStore(prisma, { encryptionKey }),
        changes: { publish },
      },
      { teamId: params.teamId, policyId: policy.id },
      { mode: "manual" },
    );
  } catch (error) {
    if (error instanceof LearningError) {
      throw error.code === "no_learned_targets"
        ? badRequest(error.message)
        : new AdminError(409, error.code, error.message);
    }
    throw error;
  }
  const trained = result.targets.flatMap((target) =>
    target.status === "trained" ? [versionView(target.version)] : [],
  );
  const skipped = result.targets.flatMap((target) => (target.status === "skipped" ? [target] : []));
  if (trained.length === 0) {
    const busy = skipped.some((target) => target.reason === "busy");
    throw new AdminError(
      409,
      busy ? "training_in_progress" : "too_few_outcomes",
      `Nothing trained: ${skipped.map((target) => skippedMessage(target, DEFAULT_REFIT_RULE.minOutcomes)).join("; ")}.`,
    );
  }
  await audit({
    action: "learned_router.train",
    targetType: "routing_policy",
    targetId: policy.id,
    after: trained.map(({ modelsKey, version, artefactId, trainedOn }) => ({
      modelsKey,
      version,
      artefactId,
      trainedOn,
    })),
  });
  return {
    trained,
    skipped: skipped.map((target) => ({
      modelsKey: target.key,
      reason: target.reason,
      usable: target.usable,
    })),
    unparseable: result.unparseable,
  };
}
