"use client";
/** /policies: the team's policies, a create form, and the selected policy's editor. */
import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { useFieldErrors } from "@/components/field-error";
import { Loading } from "@/components/loading";
import { buttonClass, cardClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TableHead } from "@/components/table-head";
import { TextField } from "@/components/text-field";
import { TruncatedText } from "@/components/truncated-text";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import type { TeamView } from "../teams/contract";
import { createPolicy, listPolicies } from "./contract";
import { freeAlias } from "./free-alias";
import { PolicyDetail } from "./policy-detail";

function CreatePolicyForm({
  teamId,
  taken,
  onCreated,
}: {
  teamId: string;
  /** The aliases of the team's policies. */
  taken: readonly string[];
  onCreated(id: string): void;
}) {
  const id = useId();
  const [name, setName] = useState("");
  // null until the user types one: then the suggestion follows the list as it loads and grows.
  const [typedAlias, setAlias] = useState<string | null>(null);
  const alias = typedAlias ?? freeAlias(taken);
  const create = useEndpointMutation(createPolicy, {
    invalidates: [listPolicies],
    onSuccess: (result) => {
      setName("");
      setAlias(null);
      onCreated(result.policy.id);
    },
  });
  const fields = useFieldErrors(create.error);
  return (
    <form
      className="flex flex-wrap items-start gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.submit({ params: { teamId }, body: { name, alias } });
      }}
    >
      <TextField
        id={`${id}-name`}
        label="Name"
        className="min-w-40 flex-1"
        value={name}
        required
        onChange={(e) => {
          setName(e.target.value);
          fields.changed("name");
        }}
        error={fields.errorFor("name")}
      />
      <TextField
        id={`${id}-alias`}
        label="Alias (the model name callers send)"
        className="min-w-40 flex-1"
        value={alias}
        required
        onChange={(e) => {
          setAlias(e.target.value);
          fields.changed("alias");
        }}
        error={fields.errorFor("alias")}
      />
      <SubmitButton
        pending={create.isPending}
        pendingLabel="Creating…"
        className={`${buttonClass} mt-6`}
      >
        Create policy
      </SubmitButton>
      {create.error && create.error.issues.length === 0 ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}

export function PoliciesView({ team }: { team: TeamView }) {
  const policies = useEndpointQuery(listPolicies, { params: { teamId: team.id } });
  const [selected, setSelected] = useState<string | null>(null);
  const isAdmin = roleRank[team.role] >= roleRank.admin;
  const list = policies.data?.policies ?? [];
  const current = selected ?? list[0]?.id ?? null;

  return (
    <div className="space-y-6">
      <section className={cardClass} aria-labelledby="policies-title">
        <h2 id="policies-title" className="text-base font-semibold">
          Policies of {team.name}
        </h2>
        {policies.isLoading ? <Loading label="Loading policies…" /> : null}
        <ErrorNote error={policies.error} onRetry={() => void policies.refetch()} />
        {policies.data && list.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">
            No policies yet. {isAdmin ? "Create one below." : "A team admin can create one."}
          </p>
        ) : null}
        {list.length > 0 ? (
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <TableHead
                className="text-slate-500"
                columns={["Name", "Alias", "Published", "Versions", "Updated"]}
              />
              <tbody>
                {list.map((policy) => (
                  <tr
                    key={policy.id}
                    data-testid="policy-row"
                    className={`border-t border-slate-100 ${policy.id === current ? "bg-indigo-50" : ""}`}
                  >
                    <td className="py-2 pr-3">
                      <button
                        type="button"
                        title={policy.name}
                        className="block max-w-64 truncate text-left font-medium text-indigo-700 underline-offset-2 hover:underline"
                        aria-current={policy.id === current ? "true" : undefined}
                        onClick={() => setSelected(policy.id)}
                      >
                        {policy.name}
                      </button>
                    </td>
                    <td className="py-2 pr-3 font-mono">
                      <TruncatedText text={policy.alias} className="max-w-64" />
                    </td>
                    <td className="py-2 pr-3">
                      {policy.publishedVersion === null
                        ? "not published"
                        : `v${policy.publishedVersion}`}
                    </td>
                    <td className="py-2 pr-3">{policy.latestVersion ?? 0}</td>
                    <td className="py-2">{new Date(policy.updatedAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {isAdmin ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">New policy</h3>
            <CreatePolicyForm
              teamId={team.id}
              taken={list.map((policy) => policy.alias)}
              onCreated={setSelected}
            />
          </div>
        ) : null}
      </section>
      {current ? (
        <PolicyDetail key={current} teamId={team.id} policyId={current} canEdit={isAdmin} />
      ) : null}
    </div>
  );
}
