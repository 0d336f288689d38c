"use client";
/** The key form's scope list: the team's models and aliases, then its policy aliases. */
import { ErrorNote } from "@/components/error-note";
import { FieldError } from "@/components/field-error";
import { labelClass } from "@/components/styles";
import { useEndpointQuery } from "@/lib/api-client";
import { listKeyScopes } from "./contract";

function ScopeBox({
  scope,
  hint,
  checked,
  onToggle,
}: {
  scope: string;
  hint?: string;
  checked: boolean;
  onToggle(): void;
}) {
  return (
    <label className="flex min-w-0 max-w-full items-center gap-2 rounded-md border border-slate-200 px-2 py-1 text-sm">
      <input type="checkbox" checked={checked} onChange={onToggle} />
      <span className="break-all font-mono text-xs">{scope}</span>
      {hint ? <span className="text-xs text-slate-500">{hint}</span> : null}
    </label>
  );
}

export function KeyScopePicker({
  id,
  teamId,
  scopes,
  error,
  onToggle,
}: {
  id: string;
  teamId: string;
  scopes: string[];
  error?: string;
  onToggle(scope: string): void;
}) {
  const options = useEndpointQuery(listKeyScopes, { params: { teamId } });
  const names = (options.data?.models ?? []).flatMap((m) => [m.name, ...m.aliases]);
  const policies = options.data?.policies ?? [];
  const groupClass = "mt-2 flex max-h-48 flex-wrap gap-2 overflow-y-auto";
  return (
    <fieldset className="min-w-0 sm:col-span-2" aria-describedby={`${id}-help`}>
      <legend className={labelClass}>Models this key may use</legend>
      <p id={`${id}-help`} className="text-xs text-slate-500">
        Leave all unticked to allow every model the team can use. A policy alias lets the key call
        it, whichever model the policy then picks.
      </p>
      {options.isLoading ? (
        <p className="mt-2 text-sm text-slate-500">Loading models…</p>
      ) : options.error ? (
        <ErrorNote error={options.error} onRetry={() => void options.refetch()} />
      ) : (
        <>
          {names.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">No models are configured for this team.</p>
          ) : (
            <div className={groupClass} data-testid="scope-models">
              {names.map((scope) => (
                <ScopeBox
                  key={scope}
                  scope={scope}
                  checked={scopes.includes(scope)}
                  onToggle={() => onToggle(scope)}
                />
              ))}
            </div>
          )}
          <p className="mt-3 text-xs font-medium text-slate-600">Policy aliases</p>
          <div className={groupClass} data-testid="scope-policies">
            {policies.map((policy) => (
              <ScopeBox
                key={policy.alias}
                scope={policy.alias}
                hint={
                  policy.published
                    ? undefined
                    : policy.name === null
                      ? "(team default model until a policy has this alias)"
                      : "(not published yet)"
                }
                checked={scopes.includes(policy.alias)}
                onToggle={() => onToggle(policy.alias)}
              />
            ))}
          </div>
        </>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
