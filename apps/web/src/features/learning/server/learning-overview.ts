/**
 * The learning overview's queries: the team's policies with their published learning settings,
 * outcome counts by policy and source, this month's calibration spend per policy (the keys'
 * monthly spend query, under the `calibration:<policyId>` key), and each learned target's newest version with its artefact's
 * per-tag estimates.
 */
import { PrismaLearnedRouterStore } from "@switchyard/db";
import { policySchema } from "@switchyard/router";
import { z } from "zod";
import type { HandlerContext } from "@/server/admin/route";
import { monthSpendByKey } from "../../keys/server/keys";
import { versionView } from "../../learned-routers/server/learned-routers";
import type { LearningPolicyView, learningOverview, TagEstimate } from "../contract";

const CALIBRATION_KEY_PREFIX = "calibration:";
const TAGS_SHOWN = 20;

const storedTagsSchema = z.object({
  report: z.object({
    tags: z.array(
      z.object({
        tag: z.string(),
        outcomes: z.number(),
        models: z.record(
          z.string(),
          z.object({
            outcomes: z.number(),
            estimate: z.number(),
            low: z.number(),
            high: z.number(),
          }),
        ),
      }),
    ),
  }),
});

/** The artefact's per-tag estimates, most outcomes first; none when it does not parse. */
function tagsOf(artefact: unknown): TagEstimate[] {
  const parsed = storedTagsSchema.safeParse(artefact);
  if (!parsed.success) return [];
  return [...parsed.data.report.tags].sort((a, b) => b.outcomes - a.outcomes).slice(0, TAGS_SHOWN);
}

const usd = (value: number) => value.toFixed(6);

export async function learningOverviewHandler({
  params,
  prisma,
}: HandlerContext<typeof learningOverview>) {
  const { teamId } = params;
  const [policies, counts, spendByKey, newest] = await Promise.all([
    prisma.routingPolicy.findMany({
      where: { teamId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, alias: true, publishedVersion: { select: { body: true } } },
    }),
    prisma.outcome.groupBy({ by: ["policyId", "source"], where: { teamId }, _count: true }),
    monthSpendByKey(prisma, teamId),
    new PrismaLearnedRouterStore(prisma).newest(teamId),
  ]);
  const versions = await prisma.learnedRouter.groupBy({
    by: ["policyId", "modelsKey"],
    where: { teamId },
    _count: true,
  });
  const artefacts = await prisma.learnedRouter.findMany({
    where: { teamId, artefactId: { in: newest.map((version) => version.artefactId) } },
    select: { policyId: true, modelsKey: true, artefactId: true, artefact: true },
  });
  const views: LearningPolicyView[] = policies.map((policy) => {
    const body = policySchema.safeParse(policy.publishedVersion?.body);
    const learning = body.success ? body.data.learning : undefined;
    const hasLearnedTargets =
      body.success &&
      [body.data.otherwise, ...body.data.rules.map((rule) => rule.target)].some(
        (target) =>
          typeof target === "object" && "strategy" in target && target.strategy === "learned",
      );
    const count = (source: string) =>
      counts.find((row) => row.policyId === policy.id && row.source === source)?._count ?? 0;
    const targets = newest
      .filter((version) => version.policyId === policy.id)
      .map((version) => ({
        modelsKey: version.modelsKey,
        newest: versionView(version),
        versions:
          versions.find((row) => row.policyId === policy.id && row.modelsKey === version.modelsKey)
            ?._count ?? 1,
        tags: tagsOf(
          artefacts.find(
            (row) =>
              row.policyId === policy.id &&
              row.modelsKey === version.modelsKey &&
              row.artefactId === version.artefactId,
          )?.artefact,
        ),
      }));
    return {
      policyId: policy.id,
      policyName: policy.name,
      alias: policy.alias,
      learning: learning
        ? {
            sampleRate: learning.sampleRate,
            maxShare: learning.maxShare,
            explore: learning.explore,
            budgetUsd: learning.budgetUsd ?? null,
            candidates: learning.candidates,
            judge: learning.judge,
          }
        : null,
      hasLearnedTargets,
      outcomes: { calibration: count("calibration"), feedback: count("feedback") },
      calibrationSpendUsd: usd(
        Number(spendByKey.get(`${CALIBRATION_KEY_PREFIX}${policy.id}`) ?? 0),
      ),
      targets,
    };
  });
  const teamSpend = [...spendByKey.values()].reduce((sum, total) => sum + Number(total), 0);
  return { teamSpendUsd: usd(teamSpend), policies: views };
}
