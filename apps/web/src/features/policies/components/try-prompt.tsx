"use client";
/** "Try a prompt": run the draft, a version or the published version and show the decision. */
import { useId, useState } from "react";
import { SelectField } from "@/components/select-field";
import { inputClass, labelClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
import { useEndpointMutation } from "@/lib/api-client";
import { explainPolicy, type PolicyVersionView } from "../contract";
import { IssueList } from "./issue-list";

export function TryPrompt({
  teamId,
  policyId,
  draft,
  versions,
  hasPublished,
}: {
  teamId: string;
  policyId: string;
  draft: unknown;
  versions: PolicyVersionView[];
  hasPublished: boolean;
}) {
  const id = useId();
  const [source, setSource] = useState("draft");
  const [prompt, setPrompt] = useState("");
  const [task, setTask] = useState("");
  const [flags, setFlags] = useState({ tools: false, images: false, json: false });
  const run = useEndpointMutation(explainPolicy);
  const result = run.data;

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h3 id={`${id}-title`} className="text-base font-semibold">
        Try a prompt
      </h3>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const target =
            source === "draft"
              ? { body: draft }
              : source === "published"
                ? { policyId }
                : { policyId, versionId: source };
          run.submit({
            params: { teamId },
            body: { ...target, prompt, task: task.trim() || undefined, ...flags },
          });
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            id={`${id}-source`}
            label="Run"
            value={source}
            onChange={(e) => setSource(e.target.value)}
          >
            <option value="draft">The draft</option>
            {hasPublished ? <option value="published">The published version</option> : null}
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                Version {v.version}
              </option>
            ))}
          </SelectField>
          <TextField
            id={`${id}-task`}
            label="Declared task (optional)"
            value={task}
            placeholder="code, math…"
            onChange={(e) => setTask(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-prompt`} className={labelClass}>
            Prompt
          </label>
          <textarea
            id={`${id}-prompt`}
            rows={4}
            required
            className={inputClass}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
          />
        </div>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">The request needs</legend>
          {(["tools", "images", "json"] as const).map((flag) => (
            <label key={flag} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={flags[flag]}
                onChange={(e) => setFlags({ ...flags, [flag]: e.target.checked })}
              />
              {flag === "json" ? "JSON mode" : `Has ${flag}`}
            </label>
          ))}
        </fieldset>
        <SubmitButton pending={run.isPending} pendingLabel="Running…" disabled={!prompt.trim()}>
          Explain the routing
        </SubmitButton>
      </form>
      {run.error ? (
        run.error.issues.length > 0 ? (
          <IssueList issues={run.error.issues} title="The policy does not compile" />
        ) : (
          <p role="alert" className="text-sm text-red-700">
            {run.error.message}
          </p>
        )
      ) : null}
      {result ? (
        <div
          data-testid="explain-result"
          className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm"
        >
          <p>
            Chosen model:{" "}
            <strong data-testid="explain-model">{result.plan[0]?.model ?? "none"}</strong>{" "}
            <span className="text-slate-500">
              ({result.strategy}, x-switchyard-route: <code>{result.header}</code>, about{" "}
              {result.estimatedInputTokens} input tokens)
            </span>
          </p>
          <p className="text-slate-700">{result.summary}</p>
          {result.rules.length > 0 ? (
            <ul className="flex flex-wrap gap-2" aria-label="Rules">
              {result.rules.map((rule) => (
                <li
                  key={rule.name}
                  className={`rounded-full px-2 py-0.5 text-xs ${rule.matched ? "bg-indigo-100 text-indigo-800" : "bg-slate-100 text-slate-600"}`}
                >
                  {rule.name}: {rule.matched ? "matches" : "no match"}
                </li>
              ))}
            </ul>
          ) : null}
          <ol className="list-decimal pl-5">
            {result.plan.map((step) => (
              <li key={step.model}>
                {step.model} <span className="text-slate-500">({step.reason})</span>
              </li>
            ))}
          </ol>
          <details>
            <summary className="cursor-pointer text-slate-600">Full trace</summary>
            <pre className="mt-1 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs">
              {JSON.stringify(result.trace, null, 2)}
            </pre>
          </details>
        </div>
      ) : null}
    </section>
  );
}
