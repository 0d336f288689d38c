import type { ApiError } from "@/lib/api-client";

/** An API error's message, with a "Try again" button when the caller can retry. */
export function ErrorNote({
  error,
  onRetry,
}: {
  error: Pick<ApiError, "message"> | null;
  onRetry?: () => void;
}) {
  if (!error) return null;
  return (
    <div
      data-testid="error-note"
      className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <span>{error.message}</span>
      {onRetry ? (
        <button type="button" className="underline" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
