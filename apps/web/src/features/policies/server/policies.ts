/** Handlers: list, create and read routing policies. */

import { conflict, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { createPolicy, getPolicy, listPolicies } from "../contract";
import { policySummary, policySummaryInclude, versionInclude, versionView } from "./policy-view";

export async function listPoliciesHandler({ params, prisma }: HandlerContext<typeof listPolicies>) {
  const rows = await prisma.routingPolicy.findMany({
    where: { teamId: params.teamId },
    include: policySummaryInclude,
    orderBy: { name: "asc" },
  });
  return { policies: rows.map(policySummary) };
}

export async function createPolicyHandler({
  params,
  body,
  prisma,
  audit,
}: HandlerContext<typeof createPolicy>) {
  const taken = await prisma.routingPolicy.findUnique({
    where: { teamId_alias: { teamId: params.teamId, alias: body.alias } },
  });
  if (taken) throw conflict(`The team already has a policy with the alias "${body.alias}".`);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.routingPolicy.create({
      data: { teamId: params.teamId, name: body.name, alias: body.alias },
      include: policySummaryInclude,
    });
    await audit(
      {
        action: "policy.create",
        targetType: "routing_policy",
        targetId: created.id,
        after: { name: created.name, alias: created.alias },
      },
      tx,
    );
    return created;
  });
  return { policy: policySummary(row) };
}

export async function findTeamPolicy(
  prisma: HandlerContext<typeof getPolicy>["prisma"],
  teamId: string,
  policyId: string,
) {
  const row = await prisma.routingPolicy.findFirst({
    where: { id: policyId, teamId },
    include: policySummaryInclude,
  });
  if (!row) throw notFound("No such policy in this team.");
  return row;
}

export async function getPolicyHandler({ params, prisma }: HandlerContext<typeof getPolicy>) {
  const row = await findTeamPolicy(prisma, params.teamId, params.policyId);
  const versions = await prisma.policyVersion.findMany({
    where: { policyId: row.id },
    include: versionInclude,
    orderBy: { version: "desc" },
  });
  return { policy: policySummary(row), versions: versions.map(versionView) };
}
