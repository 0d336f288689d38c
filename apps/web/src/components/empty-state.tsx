import type { ReactNode } from "react";

/** An honest "nothing here yet" panel: says what will appear and how to get there. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section
      data-testid="empty-state"
      className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-sm text-slate-600"
    >
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      <div className="mt-2 space-y-2">{children}</div>
    </section>
  );
}
