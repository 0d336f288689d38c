/** Handler: run a draft, a saved version or the published version on a prompt ("try a prompt"). */
import { explain, type RoutingRequest } from "@switchyard/router";
import { badRequest, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { explainPolicy } from "../contract";
import { loadTeamModels } from "./team-models";
import { validatePolicyBody } from "./validate-body";

/** Same estimate as the gateway's accounting (about four characters a token). */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

async function documentToRun({ params, body, prisma }: HandlerContext<typeof explainPolicy>) {
  if (body.body !== undefined) return body.body;
  if (!body.policyId)
    throw badRequest("Send a policy body, or a policyId (and optionally a versionId).");
  const policy = await prisma.routingPolicy.findFirst({
    where: { id: body.policyId, teamId: params.teamId },
  });
  if (!policy) throw notFound("No such policy in this team.");
  const versionId = body.versionId ?? policy.publishedVersionId;
  if (!versionId) throw badRequest("The policy has no published version: pick a version.");
  const version = await prisma.policyVersion.findFirst({
    where: { id: versionId, policyId: policy.id },
  });
  if (!version) throw notFound("No such version of this policy.");
  return version.body;
}

export async function explainPolicyHandler(context: HandlerContext<typeof explainPolicy>) {
  const { params, body, prisma } = context;
  const document = await documentToRun(context);
  const result = validatePolicyBody(document, await loadTeamModels(prisma, params.teamId));
  if (!result.valid) {
    const issues = result.issues.map((issue) => ({ ...issue, path: `body.body.${issue.path}` }));
    throw badRequest(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
  }
  const messages: { role: string; content: RoutingRequest["messages"][number]["content"] }[] = [];
  if (body.system) messages.push({ role: "system", content: body.system });
  messages.push({
    role: "user",
    content: body.images
      ? [{ type: "text", text: body.prompt }, { type: "image_url" }]
      : body.prompt,
  });
  const estimatedInputTokens = estimateTokens((body.system ?? "") + body.prompt);
  const request: RoutingRequest = {
    messages,
    tools: body.tools
      ? [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }]
      : undefined,
    responseFormat: body.json ? { type: "json_object" } : undefined,
    hasImages: body.images,
    task: body.task || undefined,
    requestedModel: body.requestedModel || "switchyard/auto",
    keyId: "console",
    teamId: params.teamId,
    estimatedInputTokens,
  };
  let explanation: ReturnType<typeof explain>;
  try {
    explanation = explain(result.compiled, request);
  } catch (error) {
    // e.g. no_capable_model: no model can serve what the request needs.
    throw badRequest(error instanceof Error ? error.message : String(error));
  }
  return {
    rules: explanation.rules,
    plan: explanation.decision.plan,
    strategy: explanation.decision.strategy,
    header: explanation.header,
    summary: explanation.summary,
    trace: explanation.decision.trace,
    estimatedInputTokens,
  };
}
