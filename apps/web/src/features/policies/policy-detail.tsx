"use client";
/** One policy: the editor (starting from the published or newest version), versions, try a prompt. */
import { useRef, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { cardClass, wrapAnywhereClass } from "@/components/styles";
import { useEndpointQuery } from "@/lib/api-client";
import { listModels, type ModelView } from "../models/contract";
import { PolicyEditor } from "./components/policy-editor";
import type { PolicyDocument } from "./components/policy-form";
import { TryPrompt } from "./components/try-prompt";
import { forgetStoredDraft, hasStoredDraft } from "./components/use-stored-draft";
import { VersionsPanel } from "./components/versions-panel";
import { getPolicy } from "./contract";
import { chatModelsByPrice } from "./model-price";

/** A first draft from the team's models: cheapest as default, dearest as baseline. */
export function starterPolicy(name: string, models: ModelView[]): PolicyDocument {
  const sorted = chatModelsByPrice(models);
  return {
    version: 1,
    name,
    defaultModel: sorted[0]?.name ?? "",
    baselineModel: sorted[sorted.length - 1]?.name ?? "",
    rules: [],
    otherwise: "default",
  };
}

export function PolicyDetail({
  teamId,
  policyId,
  canEdit,
}: {
  teamId: string;
  policyId: string;
  canEdit: boolean;
}) {
  const detail = useEndpointQuery(getPolicy, { params: { teamId, policyId } });
  const models = useEndpointQuery(listModels, { params: { teamId } });
  const [loaded, setLoaded] = useState<{ key: string; body: PolicyDocument } | null>(null);
  const [draft, setDraft] = useState<unknown>(null);
  // Where the editor started; fixed afterwards so saving or publishing never resets the draft.
  const start = useRef<{ key: string; body: PolicyDocument } | null>(null);

  if (detail.isLoading || models.isLoading) return <Loading label="Loading the policy…" />;
  if (detail.error || models.error || !detail.data || !models.data) {
    return (
      <ErrorNote
        error={detail.error ?? models.error ?? { message: "Could not load the policy." }}
        onRetry={() => {
          void detail.refetch();
          void models.refetch();
        }}
      />
    );
  }
  const { policy, versions } = detail.data;
  const base = versions.find((v) => v.id === policy.publishedVersionId) ?? versions[0] ?? null;
  start.current ??= base
    ? { key: `v${base.version}`, body: base.body as PolicyDocument }
    : { key: "starter", body: starterPolicy(policy.name, models.data.models) };
  const initial = loaded ?? start.current;

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className={cardClass}>
        <h2 className={`mb-1 text-lg font-semibold ${wrapAnywhereClass}`}>
          {policy.name} <span className="font-mono text-sm text-slate-500">{policy.alias}</span>
        </h2>
        <p className="mb-4 text-sm text-slate-500">
          {policy.publishedVersion === null
            ? "Not published: requests for this alias are not routed by it yet."
            : `Version ${policy.publishedVersion} is published.`}{" "}
          Editing from {initial.key === "starter" ? "a starter draft" : initial.key}.
        </p>
        <PolicyEditor
          key={initial.key}
          teamId={teamId}
          policyId={policy.id}
          initial={initial.body}
          base={initial.key === "starter" ? "a starter draft" : initial.key}
          restoreDraft={loaded === null}
          canEdit={canEdit}
          onDraftChange={setDraft}
        />
      </div>
      <div className="space-y-6">
        <div className={cardClass}>
          <VersionsPanel
            teamId={teamId}
            policy={policy}
            versions={versions}
            canPublish={canEdit}
            onLoad={(version) => {
              if (
                hasStoredDraft(policy.id) &&
                !window.confirm(
                  `Replace your unsaved draft with version ${version.version}? The draft is discarded.`,
                )
              )
                return;
              forgetStoredDraft(policy.id);
              setLoaded({ key: `v${version.version}`, body: version.body as PolicyDocument });
            }}
          />
        </div>
        <div className={cardClass}>
          <TryPrompt
            teamId={teamId}
            policyId={policy.id}
            draft={draft ?? initial.body}
            versions={versions}
            hasPublished={policy.publishedVersionId !== null}
          />
        </div>
      </div>
    </div>
  );
}
