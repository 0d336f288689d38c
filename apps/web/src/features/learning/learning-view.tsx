"use client";

import { EmptyState } from "@/components/empty-state";
import { QueryState } from "@/components/query-state";
import { useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import type { TeamView } from "../teams/contract";
import { learningOverview } from "./contract";
import { PolicyLearningCard } from "./policy-learning-card";

export function LearningView({ team }: { team: TeamView }) {
  const overview = useEndpointQuery(learningOverview, { params: { teamId: team.id } });
  const policies = overview.data?.policies ?? [];
  return (
    <QueryState
      query={overview}
      loadingLabel="Loading what the routers have learned…"
      isEmpty={policies.length === 0}
      empty={
        <EmptyState title="No routing policies yet">
          <p>
            Learned routing starts from a policy: give it a learned target and a learning block on
            the Routing policies page.
          </p>
        </EmptyState>
      }
    >
      <div className="space-y-6" data-testid="learning">
        {policies.map((policy) => (
          <PolicyLearningCard
            key={policy.policyId}
            teamId={team.id}
            policy={policy}
            teamSpendUsd={Number(overview.data?.teamSpendUsd ?? 0)}
            canTrain={roleRank[team.role] >= roleRank.admin}
          />
        ))}
      </div>
    </QueryState>
  );
}
