import type { ReactNode } from "react";
import { ErrorNote } from "./error-note";
import { Loading } from "./loading";

/**
 * What a query shows: a loading line, its error with "Try again", an empty message, or the
 * content (the children).
 */
export function QueryState({
  query,
  loadingLabel,
  isEmpty = false,
  empty = null,
  children,
}: {
  query: { isLoading: boolean; error: { message: string } | null; refetch: () => unknown };
  loadingLabel: string;
  isEmpty?: boolean;
  empty?: ReactNode;
  children: ReactNode;
}) {
  if (query.isLoading) return <Loading label={loadingLabel} />;
  if (query.error) return <ErrorNote error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty) return empty;
  return children;
}
