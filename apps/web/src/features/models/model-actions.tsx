"use client";
/** A model row's Test connection (one real call) and Remove, with the test's outcome. */
import { ConfirmButton } from "@/components/confirm-button";
import { secondaryButtonClass } from "@/components/styles";
import { useEndpointMutation } from "@/lib/api-client";
import { listConnections } from "../providers/contract";
import { listModels, type ModelView } from "./contract";
import {
  type ConnectionTestView,
  deleteModel,
  deleteSharedModel,
  testModel,
  testSharedModel,
} from "./manage-contract";

export function useModelActions(teamId: string, model: ModelView) {
  const params: Record<string, string> = model.shared
    ? { modelId: model.id }
    : { teamId, modelId: model.id };
  const test = useEndpointMutation(model.shared ? testSharedModel : testModel);
  const remove = useEndpointMutation(model.shared ? deleteSharedModel : deleteModel, {
    invalidates: [listModels, listConnections],
  });
  return { params, test, remove };
}

export function ModelActionButtons({
  model,
  actions,
  onEdit,
}: {
  model: ModelView;
  actions: ReturnType<typeof useModelActions>;
  onEdit(): void;
}) {
  const { params, test, remove } = actions;
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={test.isPending}
        onClick={() => test.submit({ params })}
        aria-label={`Test ${model.name}`}
        title="Make one small, real call to this model"
      >
        {test.isPending ? "Testing…" : "Test"}
      </button>
      <button
        type="button"
        className={secondaryButtonClass}
        onClick={onEdit}
        aria-label={`Edit ${model.name}`}
      >
        Edit
      </button>
      <ConfirmButton
        question={`Remove ${model.name}? Policies that name it stop validating.`}
        label={`Remove ${model.name}`}
        disabled={remove.isPending}
        onConfirm={() => remove.submit({ params })}
      >
        Remove
      </ConfirmButton>
    </div>
  );
}

/** The outcome of Test (or of a failed removal) under the model's row. */
export function ModelActionResult({
  model,
  result,
  error,
}: {
  model: ModelView;
  result: ConnectionTestView | undefined;
  error: { message: string } | null;
}) {
  if (!result && !error) return null;
  return (
    <tr data-testid="model-test-result">
      <td colSpan={7} className="pb-3 text-sm">
        {error ? (
          <p role="alert" className="text-red-700">
            {error.message}
          </p>
        ) : result?.ok ? (
          <p role="status" className="text-green-700">
            ✓ {result.message}
            {result.reply ? <span className="text-slate-500"> Reply: “{result.reply}”</span> : null}
          </p>
        ) : result ? (
          <div role="alert" className="text-red-700">
            <p>
              ✗ {model.name}: {result.message}
              {result.status !== null ? ` (HTTP ${result.status})` : ""}
            </p>
            {result.detail ? (
              <p className="mt-1 break-all font-mono text-xs text-slate-600">
                The provider said: {result.detail}
              </p>
            ) : null}
          </div>
        ) : null}
      </td>
    </tr>
  );
}
