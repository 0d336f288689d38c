"use client";

import { ErrorNote } from "@/components/error-note";
import { cardClass, secondaryButtonClass } from "@/components/styles";
import { useEndpointMutation } from "@/lib/api-client";
import { listLearnedRouters, trainLearnedRouters } from "../learned-routers/contract";
import { type LearningPolicyView, learningOverview } from "./contract";
import { LearnedTargetPanel } from "./learned-target-panel";

const percent = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
const dollars = (x: number) => `$${x.toFixed(x < 10 ? 2 : 0)}`;

/** One policy: how it collects outcomes, what that cost this month, and its learned targets. */
export function PolicyLearningCard({
  teamId,
  policy,
  teamSpendUsd,
  canTrain,
}: {
  teamId: string;
  policy: LearningPolicyView;
  teamSpendUsd: number;
  canTrain: boolean;
}) {
  const train = useEndpointMutation(trainLearnedRouters, {
    invalidates: [learningOverview, listLearnedRouters],
  });
  const { learning, outcomes } = policy;
  const spent = Number(policy.calibrationSpendUsd);
  const budget = learning?.budgetUsd ?? null;
  const result = train.data;
  return (
    <section
      className={cardClass}
      aria-labelledby={`learning-${policy.policyId}`}
      data-testid="learning-policy"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`learning-${policy.policyId}`} className="truncate text-base font-semibold">
            {policy.policyName}
          </h2>
          <p className="font-mono text-xs text-slate-500">{policy.alias}</p>
        </div>
        {canTrain && policy.hasLearnedTargets ? (
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={train.isPending}
            onClick={() =>
              train.mutate({ params: { teamId }, body: { policyId: policy.policyId } })
            }
          >
            {train.isPending ? "Training…" : "Train now"}
          </button>
        ) : null}
      </div>

      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Sampling</dt>
          <dd data-testid="learning-sampling">
            {learning
              ? `${percent(learning.sampleRate)} of requests, judged by ${learning.judge}`
              : "Off (no learning block)"}
          </dd>
          {learning ? (
            <dd className="text-xs text-slate-500">
              {learning.candidates.length} candidates
              {learning.maxShare < 1 ? ` · at most ${percent(learning.maxShare)} of spend` : ""}
              {learning.explore < 1 ? ` · dearer models on ${percent(learning.explore)}` : ""}
            </dd>
          ) : null}
        </div>
        <div>
          <dt className="text-slate-500">Outcomes</dt>
          <dd data-testid="learning-outcomes">
            {outcomes.calibration} calibration · {outcomes.feedback} feedback
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Calibration this month</dt>
          <dd data-testid="learning-spend">
            {dollars(spent)}
            {budget !== null ? ` of ${dollars(budget)}` : ""}
            {teamSpendUsd > 0 ? ` · ${percent(spent / teamSpendUsd)} of the team's spend` : ""}
          </dd>
          {budget !== null ? (
            <dd className="mt-1 h-1.5 w-full overflow-hidden rounded bg-slate-100">
              <div
                className="h-full bg-indigo-500"
                style={{ width: `${Math.min(100, (spent / budget) * 100)}%` }}
              />
            </dd>
          ) : null}
        </div>
      </dl>

      {result ? (
        <p
          className="mt-3 text-sm text-slate-600"
          data-testid="learning-train-result"
          role="status"
        >
          {result.trained.length > 0
            ? `Trained ${result.trained.map((v) => `${v.modelsKey} v${v.version} on ${v.trainedOn} outcomes`).join("; ")}.`
            : "Nothing trained."}
          {result.skipped.length > 0
            ? ` Skipped: ${result.skipped.map((s) => `${s.modelsKey} (${s.reason.replaceAll("_", " ")}, ${s.usable} usable)`).join("; ")}.`
            : ""}
        </p>
      ) : null}
      {train.error ? <ErrorNote error={train.error} /> : null}

      {policy.targets.length === 0 && !policy.hasLearnedTargets ? (
        <p className="mt-4 text-sm text-slate-500">
          This policy routes no request with a learned target: add one, e.g.{" "}
          <code className="font-mono text-xs">
            {'{ "strategy": "learned", "models": [...], "minQuality": 0.95 }'}
          </code>
          , to route by what its outcomes teach.
        </p>
      ) : policy.targets.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">
          No learned router trained yet: a learned target is fitted once the policy has 20 graded
          outcomes, on the retrain schedule or with Train now.
        </p>
      ) : (
        policy.targets.map((target) => (
          <LearnedTargetPanel key={target.modelsKey} target={target} />
        ))
      )}
    </section>
  );
}
