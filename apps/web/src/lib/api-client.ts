"use client";
/**
 * The console's side of the management API: typed calls and React Query hooks built from the
 * same contracts the route handlers validate with.
 */
import {
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import type { z } from "zod";
import { type AdminErrorBody, buildPath, type Endpoint } from "./contract";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
}

export async function callEndpoint<E extends Endpoint>(
  endpoint: E,
  input: CallInput = {},
): Promise<z.output<E["response"]>> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const qs = search.toString();
  const url = buildPath(endpoint.path, input.params) + (qs ? `?${qs}` : "");
  const response = await fetch(url, {
    method: endpoint.method,
    headers: input.body === undefined ? {} : { "content-type": "application/json" },
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
    credentials: "same-origin",
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (json as Partial<AdminErrorBody> | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `Request failed (${response.status})`,
      error?.issues ?? [],
    );
  }
  return endpoint.response.parse(json) as z.output<E["response"]>;
}

export const endpointKey = (endpoint: Endpoint, input: CallInput = {}): QueryKey => [
  endpoint.id,
  input.params ?? {},
  input.query ?? {},
];

export function useEndpointQuery<E extends Endpoint>(
  endpoint: E,
  input: CallInput = {},
  options: Omit<UseQueryOptions<z.output<E["response"]>, ApiError>, "queryKey" | "queryFn"> = {},
) {
  return useQuery<z.output<E["response"]>, ApiError>({
    queryKey: endpointKey(endpoint, input),
    queryFn: () => callEndpoint(endpoint, input),
    ...options,
  });
}

/**
 * A mutation for `endpoint`; on success it invalidates the queries of the endpoints listed in
 * `invalidates` (by operation id), so lists refresh.
 *
 * Forms submit with `submit`, not `mutate`: a submission made while the last one is still running
 * is dropped, and `isPending` turns true in the same event (React Query reports it a tick later,
 * so a double click used to send two requests before the button was disabled).
 */
export function useEndpointMutation<E extends Endpoint>(
  endpoint: E,
  options: Omit<UseMutationOptions<z.output<E["response"]>, ApiError, CallInput>, "mutationFn"> & {
    invalidates?: Endpoint[];
  } = {},
) {
  const client = useQueryClient();
  const { invalidates = [], onSuccess, ...rest } = options;
  const mutation = useMutation<z.output<E["response"]>, ApiError, CallInput>({
    mutationFn: (input) => callEndpoint(endpoint, input),
    onSuccess: async (data, variables, result, context) => {
      await Promise.all(invalidates.map((e) => client.invalidateQueries({ queryKey: [e.id] })));
      await onSuccess?.(data, variables, result, context);
    },
    ...rest,
  });
  const submitting = useRef(false);
  const [submitted, setSubmitted] = useState(false);
  const { mutateAsync } = mutation;
  const submit = useCallback(
    (input: CallInput) => {
      if (submitting.current) return;
      submitting.current = true;
      setSubmitted(true);
      // The outcome is in the mutation's state; the promise only says when it is over.
      mutateAsync(input)
        .catch(() => undefined)
        .finally(() => {
          submitting.current = false;
          setSubmitted(false);
        });
    },
    [mutateAsync],
  );
  return { ...mutation, isPending: mutation.isPending || submitted, submit };
}
