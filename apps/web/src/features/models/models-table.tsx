"use client";
/** The models a team may use: prices (editable, marked overridden), context, capabilities, aliases. */
import { Fragment, useState } from "react";
import { TableHead } from "@/components/table-head";
import type { ModelView } from "./contract";
import { ModelActionButtons, ModelActionResult, useModelActions } from "./model-actions";
import { EditRow } from "./model-edit-row";

function ModelRow({
  teamId,
  model,
  canEdit,
  onEdit,
}: {
  teamId: string;
  model: ModelView;
  canEdit: boolean;
  onEdit(): void;
}) {
  const actions = useModelActions(teamId, model);
  return (
    <Fragment>
      <tr className="border-t border-slate-100" data-testid="model-row">
        <td className="py-2 pr-3">
          <span className="font-mono">{model.name}</span>
          {model.upstreamName !== model.name ? (
            <span className="block break-all text-xs text-slate-500">
              upstream {model.upstreamName}
            </span>
          ) : null}
          {model.aliases.length ? (
            <span className="block text-xs text-slate-500">aka {model.aliases.join(", ")}</span>
          ) : null}
        </td>
        <td className="py-2 pr-3">
          {model.connectionName}
          <span className="block text-xs text-slate-500">
            {model.providerKind}
            {model.shared ? " · shared" : ""}
          </span>
        </td>
        <td className="py-2 pr-3 font-mono">
          {model.unpriced ? (
            <span
              className="block font-sans text-xs font-medium text-amber-700"
              data-testid="model-unpriced"
              title="Requests are served with cost unknown, and refused under a budget: set a price"
            >
              no price: cost unknown
            </span>
          ) : (
            <>
              {model.inputPricePerMillion} · {model.outputPricePerMillion}
              {model.cachedInputPricePerMillion !== null ? (
                <span className="block font-sans text-xs text-slate-500">
                  cached {model.cachedInputPricePerMillion}
                </span>
              ) : null}
            </>
          )}
          {model.priceOverridden ? (
            <span className="block font-sans text-xs text-amber-700">set by hand</span>
          ) : null}
          {model.scheduledPrices[0] !== undefined ? (
            <span className="block font-sans text-xs text-slate-500">
              from {model.scheduledPrices[0].effectiveFrom.slice(0, 10)}:{" "}
              {model.scheduledPrices[0].inputPricePerMillion ?? "unpriced"} ·{" "}
              {model.scheduledPrices[0].outputPricePerMillion ?? "unpriced"}
            </span>
          ) : null}
        </td>
        <td className="py-2 pr-3">
          {model.contextWindow.toLocaleString("en-US")}
          {model.maxOutputTokens !== null ? (
            <span className="block text-xs text-slate-500">
              out ≤ {model.maxOutputTokens.toLocaleString("en-US")}
            </span>
          ) : null}
        </td>
        <td className="py-2 pr-3 text-xs">{model.capabilities.join(", ") || "none"}</td>
        <td className="py-2 pr-3">{model.enabled ? "enabled" : "disabled"}</td>
        <td className="py-2">
          {canEdit ? <ModelActionButtons model={model} actions={actions} onEdit={onEdit} /> : null}
        </td>
      </tr>
      <ModelActionResult
        model={model}
        result={actions.test.data}
        error={actions.test.error ?? actions.remove.error}
      />
    </Fragment>
  );
}

export function ModelsTable({
  teamId,
  models,
  canEdit,
}: {
  teamId: string;
  models: ModelView[];
  canEdit(model: ModelView): boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (models.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No models yet: add one below, import the provider&apos;s list, or &quot;Add the
        catalog&apos;s models&quot; of a connection.
      </p>
    );
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <TableHead
          className="text-slate-500"
          columns={[
            "Model",
            "Connection",
            "$ / M in · out",
            "Context",
            "Capabilities",
            "Status",
            { label: "Actions", srOnly: true },
          ]}
        />
        <tbody>
          {models.map((model) =>
            editing === model.id ? (
              <EditRow
                key={model.id}
                teamId={teamId}
                model={model}
                onDone={() => setEditing(null)}
              />
            ) : (
              <ModelRow
                key={model.id}
                teamId={teamId}
                model={model}
                canEdit={canEdit(model)}
                onEdit={() => setEditing(model.id)}
              />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
