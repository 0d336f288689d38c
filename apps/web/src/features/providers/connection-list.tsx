"use client";
/** Provider connections: credential status (never the value), enable, set credential, catalog import. */
import { useId, useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { inputClass, secondaryButtonClass } from "@/components/styles";
import { useEndpointMutation } from "@/lib/api-client";
import { listModels } from "../models/contract";
import { UpstreamImport } from "../models/upstream-import";
import {
  type ConnectionView,
  deleteConnection,
  deleteSharedConnection,
  importCatalogModels,
  importSharedCatalogModels,
  listConnections,
  updateConnection,
  updateSharedConnection,
} from "./contract";

function ConnectionRow({
  teamId,
  connection,
  canManage,
}: {
  teamId: string;
  connection: ConnectionView;
  canManage: boolean;
}) {
  const id = useId();
  const [credential, setCredential] = useState("");
  const [baseUrl, setBaseUrl] = useState(connection.baseUrl);
  const [importing, setImporting] = useState(false);
  const invalidates = [listConnections, listModels];
  const shared = connection.shared;
  const update = useEndpointMutation(shared ? updateSharedConnection : updateConnection, {
    invalidates,
    onSuccess: () => setCredential(""),
  });
  const remove = useEndpointMutation(shared ? deleteSharedConnection : deleteConnection, {
    invalidates,
  });
  const importModels = useEndpointMutation(
    shared ? importSharedCatalogModels : importCatalogModels,
    { invalidates },
  );
  const params: Record<string, string> = shared
    ? { connectionId: connection.id }
    : { teamId, connectionId: connection.id };
  const error = update.error ?? remove.error ?? importModels.error;

  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="connection-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="text-sm font-semibold">
            {connection.name}{" "}
            <span className="font-normal text-slate-500">
              ({connection.kind}
              {shared ? ", shared" : ""}
              {connection.enabled ? "" : ", disabled"})
            </span>
          </h3>
          <p className="break-all text-xs text-slate-500">
            {connection.baseUrl} · credential{" "}
            <strong data-testid="credential-status">
              {connection.credentialSet ? "set" : "not set"}
            </strong>{" "}
            · {connection.modelCount} model{connection.modelCount === 1 ? "" : "s"}
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={secondaryButtonClass}
              aria-expanded={importing}
              onClick={() => setImporting(!importing)}
            >
              Import from the provider
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={importModels.isPending}
              onClick={() => importModels.mutate({ params })}
            >
              Add the catalog's models
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={update.isPending}
              onClick={() => update.mutate({ params, body: { enabled: !connection.enabled } })}
            >
              {connection.enabled ? "Disable" : "Enable"}
            </button>
            <ConfirmButton
              question={`Delete ${connection.name} and its models?`}
              disabled={remove.isPending}
              onConfirm={() => remove.mutate({ params })}
            >
              Delete
            </ConfirmButton>
          </div>
        ) : null}
      </div>
      {canManage ? (
        <form
          className="mt-2 flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            update.submit({ params, body: { credential } });
          }}
        >
          <label htmlFor={`${id}-credential`} className="sr-only">
            New credential for {connection.name}
          </label>
          <input
            id={`${id}-credential`}
            type="password"
            autoComplete="off"
            placeholder="New credential"
            className={`${inputClass} max-w-xs`}
            value={credential}
            onChange={(e) => setCredential(e.target.value)}
          />
          <button
            type="submit"
            className={secondaryButtonClass}
            disabled={!credential || update.isPending}
          >
            Set credential
          </button>
        </form>
      ) : null}
      {canManage ? (
        <form
          className="mt-2 flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            update.submit({ params, body: { baseUrl: baseUrl.trim() } });
          }}
        >
          <label htmlFor={`${id}-url`} className="sr-only">
            Base URL of {connection.name}
          </label>
          <input
            id={`${id}-url`}
            type="url"
            required
            className={`${inputClass} max-w-md`}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
          <button
            type="submit"
            className={secondaryButtonClass}
            disabled={baseUrl.trim() === connection.baseUrl || update.isPending}
          >
            Save base URL
          </button>
        </form>
      ) : null}
      {importing ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <UpstreamImport teamId={teamId} connection={connection} />
        </div>
      ) : null}
      {importModels.data ? (
        <p role="status" className="mt-2 text-xs text-green-700">
          Added {importModels.data.created.length} model
          {importModels.data.created.length === 1 ? "" : "s"}
          {importModels.data.skipped.length
            ? `; skipped ${importModels.data.skipped.length} already served elsewhere`
            : ""}
          .
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </li>
  );
}

export function ConnectionList({
  teamId,
  connections,
  isAdmin,
  isInstanceOwner,
}: {
  teamId: string;
  connections: ConnectionView[];
  isAdmin: boolean;
  isInstanceOwner: boolean;
}) {
  if (connections.length === 0) {
    return <p className="text-sm text-slate-500">No provider connections yet.</p>;
  }
  return (
    <ul className="space-y-3">
      {connections.map((connection) => (
        <ConnectionRow
          key={connection.id}
          teamId={teamId}
          connection={connection}
          canManage={connection.shared ? isInstanceOwner : isAdmin}
        />
      ))}
    </ul>
  );
}
