/** A status line shown while a query loads. */
export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="text-sm text-slate-500" data-testid="loading">
      {label}
    </p>
  );
}
