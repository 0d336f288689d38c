"use client";
/** The models a team may use: prices (editable, marked overridden), context, capabilities, aliases. */
import { useId, useState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/styles";
import { TableHead } from "@/components/table-head";
import { useEndpointMutation } from "@/lib/api-client";
import { listModels, type ModelView, updateModel, updateSharedModel } from "./contract";

const allCapabilities = ["tools", "vision", "json", "json_schema", "streaming"] as const;

function EditRow({ teamId, model, onDone }: { teamId: string; model: ModelView; onDone(): void }) {
  const id = useId();
  const [input, setInput] = useState(model.inputPricePerMillion);
  const [output, setOutput] = useState(model.outputPricePerMillion);
  const [context, setContext] = useState(String(model.contextWindow));
  const [aliases, setAliases] = useState(model.aliases.join(", "));
  const [capabilities, setCapabilities] = useState<string[]>(model.capabilities);
  const [enabled, setEnabled] = useState(model.enabled);
  const mutation = useEndpointMutation(model.shared ? updateSharedModel : updateModel, {
    invalidates: [listModels],
    onSuccess: onDone,
  });
  const priceChanged =
    input !== model.inputPricePerMillion || output !== model.outputPricePerMillion;
  return (
    <tr className="border-t border-slate-100 bg-indigo-50/40">
      <td colSpan={7} className="p-3">
        <form
          aria-label={`Edit ${model.name}`}
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
          onSubmit={(e) => {
            e.preventDefault();
            mutation.submit({
              params: model.shared ? { modelId: model.id } : { teamId, modelId: model.id },
              body: {
                ...(priceChanged
                  ? { inputPricePerMillion: input.trim(), outputPricePerMillion: output.trim() }
                  : {}),
                contextWindow: Number(context),
                aliases: aliases
                  .split(",")
                  .map((a) => a.trim())
                  .filter(Boolean),
                capabilities: capabilities as (typeof allCapabilities)[number][],
                enabled,
              },
            });
          }}
        >
          <label htmlFor={`${id}-in`} className="text-sm">
            Input $ / M tokens
            <input
              id={`${id}-in`}
              className={inputClass}
              value={input}
              onChange={(e) => setInput(e.target.value)}
            />
          </label>
          <label htmlFor={`${id}-out`} className="text-sm">
            Output $ / M tokens
            <input
              id={`${id}-out`}
              className={inputClass}
              value={output}
              onChange={(e) => setOutput(e.target.value)}
            />
          </label>
          <label htmlFor={`${id}-ctx`} className="text-sm">
            Context window (tokens)
            <input
              id={`${id}-ctx`}
              type="number"
              min={1}
              className={inputClass}
              value={context}
              onChange={(e) => setContext(e.target.value)}
            />
          </label>
          <label htmlFor={`${id}-aliases`} className="text-sm">
            Aliases (comma-separated)
            <input
              id={`${id}-aliases`}
              className={inputClass}
              value={aliases}
              onChange={(e) => setAliases(e.target.value)}
            />
          </label>
          <fieldset className="flex flex-wrap gap-3 text-sm sm:col-span-2 lg:col-span-3">
            <legend className="sr-only">Capabilities</legend>
            {allCapabilities.map((capability) => (
              <label key={capability} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={capabilities.includes(capability)}
                  onChange={(e) =>
                    setCapabilities(
                      e.target.checked
                        ? [...capabilities, capability]
                        : capabilities.filter((c) => c !== capability),
                    )
                  }
                />
                {capability}
              </label>
            ))}
            <label className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={enabled}
                onChange={(e) => setEnabled(e.target.checked)}
              />
              enabled
            </label>
          </fieldset>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={mutation.isPending}>
              Save
            </button>
            <button type="button" className={secondaryButtonClass} onClick={onDone}>
              Cancel
            </button>
          </div>
          {mutation.error ? (
            <ul role="alert" className="text-sm text-red-700 sm:col-span-2 lg:col-span-4">
              {(mutation.error.issues.length
                ? mutation.error.issues.map((i) => `${i.path}: ${i.message}`)
                : [mutation.error.message]
              ).map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </form>
      </td>
    </tr>
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
        No models yet: add a connection, then "Add the catalog's models".
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
              <tr key={model.id} className="border-t border-slate-100" data-testid="model-row">
                <td className="py-2 pr-3">
                  <span className="font-mono">{model.name}</span>
                  {model.aliases.length ? (
                    <span className="block text-xs text-slate-500">
                      aka {model.aliases.join(", ")}
                    </span>
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
                  {model.inputPricePerMillion} · {model.outputPricePerMillion}
                  {model.priceOverridden ? (
                    <span className="block font-sans text-xs text-amber-700">set by hand</span>
                  ) : null}
                </td>
                <td className="py-2 pr-3">{model.contextWindow.toLocaleString("en-US")}</td>
                <td className="py-2 pr-3 text-xs">{model.capabilities.join(", ") || "none"}</td>
                <td className="py-2 pr-3">{model.enabled ? "enabled" : "disabled"}</td>
                <td className="py-2">
                  {canEdit(model) ? (
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      onClick={() => setEditing(model.id)}
                      aria-label={`Edit ${model.name}`}
                    >
                      Edit
                    </button>
                  ) : null}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
