import type { ApiError } from "@/lib/api-client";

/** The field's message among an ApiError's issues (path like "body.name"). */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  return error?.issues.find((issue) => issue.path === `body.${field}`)?.message;
}

/** A field's validation message under its input; renders nothing without a message. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}
