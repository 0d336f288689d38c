"use client";
import { useId, useState } from "react";
import { SelectField } from "@/components/select-field";
import type { PolicyVersionView } from "../contract";
import { lineDiff, prettyJson } from "../line-diff";

const lineClass = {
  same: "text-slate-600",
  added: "bg-green-50 text-green-900",
  removed: "bg-red-50 text-red-900",
} as const;
const marker = { same: " ", added: "+", removed: "-" } as const;

/** A unified diff of the pretty JSON of two versions. */
export function VersionDiff({ versions }: { versions: PolicyVersionView[] }) {
  const id = useId();
  const [fromId, setFromId] = useState(versions[1]?.id ?? versions[0]?.id ?? "");
  const [toId, setToId] = useState(versions[0]?.id ?? "");
  const from = versions.find((v) => v.id === fromId);
  const to = versions.find((v) => v.id === toId);
  if (versions.length < 2) {
    return <p className="text-sm text-slate-500">Save a second version to compare versions.</p>;
  }
  const lines = from && to ? lineDiff(prettyJson(from.body), prettyJson(to.body)) : [];
  const changed = lines.filter((line) => line.kind !== "same").length;
  return (
    <div>
      <div className="flex flex-wrap gap-3">
        {[
          { label: "Compare version", value: fromId, set: setFromId, suffix: "from" },
          { label: "with version", value: toId, set: setToId, suffix: "to" },
        ].map((control) => (
          <SelectField
            key={control.suffix}
            id={`${id}-${control.suffix}`}
            label={control.label}
            value={control.value}
            onChange={(e) => control.set(e.target.value)}
          >
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-500" aria-live="polite">
        {changed === 0 ? "No differences." : `${changed} changed line${changed === 1 ? "" : "s"}.`}
      </p>
      <pre
        data-testid="version-diff"
        className="mt-2 max-h-96 overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs"
      >
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional.
          <div key={index} className={lineClass[line.kind]}>
            <span aria-hidden="true">{marker[line.kind]} </span>
            <span className="sr-only">{line.kind === "same" ? "" : `${line.kind}: `}</span>
            {line.text}
          </div>
        ))}
      </pre>
    </div>
  );
}
