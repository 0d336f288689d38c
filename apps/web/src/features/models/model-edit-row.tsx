"use client";
/** Edit a model in place: prices (marked overridden), upstream id, limits, aliases, capabilities. */
import { useId, useState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/styles";
import { useEndpointMutation } from "@/lib/api-client";
import { type Capability, CapabilityCheckboxes } from "./capability-checkboxes";
import { listModels, type ModelView, updateModel, updateSharedModel } from "./contract";
import { priceEditBody, priceFormOf } from "./price-edit-body";
import { PriceFields } from "./price-fields";

export function EditRow({
  teamId,
  model,
  onDone,
}: {
  teamId: string;
  model: ModelView;
  onDone(): void;
}) {
  const id = useId();
  const [price, setPrice] = useState(() => priceFormOf(model));
  const [context, setContext] = useState(String(model.contextWindow));
  const [upstreamName, setUpstreamName] = useState(model.upstreamName);
  const [maxOutput, setMaxOutput] = useState(model.maxOutputTokens?.toString() ?? "");
  const [aliases, setAliases] = useState(model.aliases.join(", "));
  const [capabilities, setCapabilities] = useState<string[]>(model.capabilities);
  const [enabled, setEnabled] = useState(model.enabled);
  const mutation = useEndpointMutation(model.shared ? updateSharedModel : updateModel, {
    invalidates: [listModels],
    onSuccess: onDone,
  });
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
                ...priceEditBody(model, price),
                contextWindow: Number(context),
                upstreamName: upstreamName.trim(),
                maxOutputTokens: maxOutput.trim() ? Number(maxOutput) : null,
                aliases: aliases
                  .split(",")
                  .map((a) => a.trim())
                  .filter(Boolean),
                capabilities: capabilities as Capability[],
                enabled,
              },
            });
          }}
        >
          <PriceFields value={price} onChange={setPrice} />
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
          <label htmlFor={`${id}-upstream`} className="text-sm">
            Upstream model id
            <input
              id={`${id}-upstream`}
              className={inputClass}
              value={upstreamName}
              onChange={(e) => setUpstreamName(e.target.value)}
            />
          </label>
          <label htmlFor={`${id}-max-output`} className="text-sm">
            Max output tokens
            <input
              id={`${id}-max-output`}
              type="number"
              min={1}
              placeholder="no limit known"
              className={inputClass}
              value={maxOutput}
              onChange={(e) => setMaxOutput(e.target.value)}
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
            <CapabilityCheckboxes value={capabilities} onChange={setCapabilities} />
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
