"use client";

import type { LearningPolicyView } from "./contract";

type Target = LearningPolicyView["targets"][number];

const fixed = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? "—" : x.toFixed(digits);

/** One learned target: its newest version's held-out metrics and per-tag estimates. */
export function LearnedTargetPanel({ target }: { target: Target }) {
  const newest = target.newest;
  const models = newest?.models ?? target.modelsKey.split(",");
  const heldOut = newest?.heldOut ?? null;
  return (
    <div className="mt-5 border-t border-slate-100 pt-4" data-testid="learned-target">
      <h3 className="text-sm font-medium">
        {models.join(" < ")}
        {newest ? (
          <span className="ml-2 font-normal text-slate-500">
            v{newest.version} of {target.versions} · trained on {newest.trainedOn} outcomes ·{" "}
            {new Date(newest.createdAt).toLocaleString()}
          </span>
        ) : null}
      </h3>
      {heldOut ? (
        <p className="mt-1 text-xs text-slate-600" data-testid="learned-held-out">
          Held out {heldOut.test} prompts:{" "}
          {Object.entries(heldOut.models)
            .map(
              ([model, m]) =>
                `${model} Brier ${fixed(m.brier, 3)} (constant ${fixed(m.baselineBrier, 3)})`,
            )
            .join(" · ")}
          {heldOut.pair ? ` · APGR ${fixed(heldOut.pair.apgr)}` : ""}
        </p>
      ) : (
        <p className="mt-1 text-xs text-slate-500">Too few outcomes to hold some out yet.</p>
      )}
      {target.tags.length > 0 ? (
        <div className="relative mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-xs" data-testid="learned-tags">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 pr-4 font-medium">Tag</th>
                <th className="py-1 pr-4 text-right font-medium">Outcomes</th>
                {models.map((model) => (
                  <th key={model} className="py-1 pr-4 text-right font-medium">
                    {model} quality (95% interval)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {target.tags.map((tag) => (
                <tr key={tag.tag}>
                  <td className="max-w-64 truncate py-1 pr-4 font-mono" title={tag.tag}>
                    {tag.tag}
                  </td>
                  <td className="py-1 pr-4 text-right tabular-nums">{tag.outcomes}</td>
                  {models.map((model) => {
                    const m = tag.models[model];
                    return (
                      <td key={model} className="py-1 pr-4 text-right tabular-nums">
                        {m ? `${fixed(m.estimate)} (${fixed(m.low)}–${fixed(m.high)})` : "—"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
