"use client";
/**
 * Import from the provider: the models its own list names (one real call), to tick and add.
 * Self-hosted kinds are added at price 0 and catalog models with the catalog's prices; the others
 * need prices, so they are added with the Add a model form.
 */
import { useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { buttonClass } from "@/components/styles";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { listConnections } from "../providers/contract";
import { listModels } from "./contract";
import {
  importSharedUpstreamModels,
  importUpstreamModels,
  listSharedUpstreamModels,
  listUpstreamModels,
} from "./manage-contract";

export function UpstreamImport({
  teamId,
  connection,
}: {
  teamId: string;
  connection: { id: string; name: string; shared: boolean };
}) {
  const params: Record<string, string> = connection.shared
    ? { connectionId: connection.id }
    : { teamId, connectionId: connection.id };
  const list = useEndpointQuery(
    connection.shared ? listSharedUpstreamModels : listUpstreamModels,
    { params },
    { staleTime: 0, retry: false },
  );
  const [picked, setPicked] = useState<string[]>([]);
  const importing = useEndpointMutation(
    connection.shared ? importSharedUpstreamModels : importUpstreamModels,
    {
      invalidates: [listModels, listConnections, listUpstreamModels, listSharedUpstreamModels],
      onSuccess: () => setPicked([]),
    },
  );
  if (list.isLoading) return <Loading label={`Asking ${connection.name} for its models…`} />;
  if (list.error) return <ErrorNote error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;
  if (!data) return null;
  if (!data.ok) {
    return (
      <div role="alert" className="text-sm text-red-700">
        <p>{data.message}</p>
        {data.detail ? (
          <p className="mt-1 break-all font-mono text-xs text-slate-600">
            The provider said: {data.detail}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <form
      aria-label={`Import from ${connection.name}`}
      className="space-y-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        importing.submit({ params, body: { ids: picked } });
      }}
    >
      <p className="text-slate-600">{data.message}</p>
      <ul className="max-h-64 overflow-y-auto rounded border border-slate-200 p-2">
        {data.models.map((model) => (
          <li key={model.id}>
            <label className="flex items-center gap-2 break-all">
              <input
                type="checkbox"
                disabled={model.added || !model.priced}
                checked={picked.includes(model.id)}
                onChange={(e) =>
                  setPicked(
                    e.target.checked
                      ? [...picked, model.id]
                      : picked.filter((id) => id !== model.id),
                  )
                }
              />
              <span className="font-mono">{model.id}</span>
              <span className="text-xs text-slate-500">
                {model.added
                  ? "added"
                  : model.priced
                    ? model.contextWindow
                      ? `${model.contextWindow.toLocaleString("en-US")} tokens`
                      : ""
                    : "needs prices: use Add a model"}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <button
        type="submit"
        className={buttonClass}
        disabled={picked.length === 0 || importing.isPending}
      >
        {importing.isPending ? "Adding…" : `Add selected (${picked.length})`}
      </button>
      {importing.data ? (
        <p role="status" className="text-green-700">
          Added {importing.data.created.join(", ") || "nothing"}
          {importing.data.skipped.length
            ? `; skipped ${importing.data.skipped.map((s) => `${s.id} (${s.reason})`).join(", ")}`
            : ""}
          .
        </p>
      ) : null}
      {importing.error ? (
        <p role="alert" className="text-red-700">
          {importing.error.message}
        </p>
      ) : null}
    </form>
  );
}
