"use client";
import { secondaryButtonClass, wrapAnywhereClass } from "@/components/styles";
/** The versions of a policy: publish one (an older one = roll back), load one into the editor. */
import { useEndpointMutation } from "@/lib/api-client";
import {
  getPolicy,
  listPolicies,
  type PolicySummary,
  type PolicyVersionView,
  publishPolicyVersion,
} from "../contract";
import { VersionDiff } from "./version-diff";

export function VersionsPanel({
  teamId,
  policy,
  versions,
  canPublish,
  onLoad,
}: {
  teamId: string;
  policy: PolicySummary;
  versions: PolicyVersionView[];
  canPublish: boolean;
  onLoad(version: PolicyVersionView): void;
}) {
  const publish = useEndpointMutation(publishPolicyVersion, {
    invalidates: [getPolicy, listPolicies],
  });
  const published = policy.publishedVersion;
  return (
    <section aria-labelledby="versions-title" className="space-y-3">
      <h3 id="versions-title" className="text-base font-semibold">
        Versions
      </h3>
      {versions.length === 0 ? (
        <p className="text-sm text-slate-500">
          No versions yet: save the draft to create version 1, then publish it.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {versions.map((version) => {
            const isPublished = version.id === policy.publishedVersionId;
            const older = published !== null && version.version < published;
            return (
              <li
                key={version.id}
                data-testid="policy-version"
                className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
              >
                <div className="min-w-0 flex-1 basis-48">
                  <span className="font-medium">v{version.version}</span>
                  {isPublished ? (
                    <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">
                      published
                    </span>
                  ) : null}
                  <p className={`line-clamp-3 text-xs text-slate-500 ${wrapAnywhereClass}`}>
                    {new Date(version.createdAt).toLocaleString()}
                    {version.author ? ` · ${version.author}` : ""}
                    {version.note ? <span title={version.note}> · {version.note}</span> : null}
                  </p>
                </div>
                <div className="flex shrink-0 gap-2">
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    onClick={() => onLoad(version)}
                  >
                    Edit from v{version.version}
                  </button>
                  {canPublish && !isPublished ? (
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      disabled={publish.isPending}
                      onClick={() =>
                        publish.mutate({
                          params: { teamId, policyId: policy.id, versionId: version.id },
                        })
                      }
                    >
                      {older ? `Roll back to v${version.version}` : `Publish v${version.version}`}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {publish.error ? (
        <p role="alert" className="text-sm text-red-700">
          {publish.error.message}
        </p>
      ) : null}
      {publish.isSuccess ? (
        <p role="status" className="text-sm text-green-700">
          Published v{publish.data.policy.publishedVersion}: gateways use it from the next request.
        </p>
      ) : null}
      <VersionDiff key={versions.map((v) => v.id).join()} versions={versions} />
    </section>
  );
}
