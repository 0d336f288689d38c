import type { ReactNode } from "react";

export function PageHeader({ title, description }: { title: string; description: ReactNode }) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-500">{description}</p>
    </header>
  );
}
