"use client";
/** The request log's filters and the open request, kept in the URL next to ?team=. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export const LOG_FILTER_NAMES = ["key", "model", "status", "reason", "tag", "from", "to"] as const;
export type LogFilterName = (typeof LOG_FILTER_NAMES)[number];
export type LogFilters = Partial<Record<LogFilterName, string>>;

export function useLogFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters: LogFilters = {};
  for (const name of LOG_FILTER_NAMES) {
    const value = searchParams.get(name);
    if (value) filters[name] = value;
  }
  const openRequest = searchParams.get("request");

  const set = useCallback(
    (changes: Partial<Record<LogFilterName | "request", string | undefined>>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      router.replace(`${pathname ?? "/requests"}?${next.toString()}`, { scroll: false });
    },
    [router, pathname, searchParams],
  );
  return { filters, openRequest, set };
}
