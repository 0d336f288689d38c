"use client";
/** The overview's filters, kept in the URL (?range=&from=&to=&key=&model=) next to ?team=. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { type RangeName, rangeSchema } from "../usage/contract";

export interface OverviewFilters {
  range: RangeName;
  from?: string;
  to?: string;
  keyId?: string;
  model?: string;
}

const URL_NAMES = { range: "range", from: "from", to: "to", keyId: "key", model: "model" } as const;

export function useOverviewFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range = rangeSchema.catch("24h").parse(searchParams.get("range") ?? "24h");
  const filters: OverviewFilters = { range };
  for (const name of ["from", "to", "keyId", "model"] as const) {
    const value = searchParams.get(URL_NAMES[name]);
    if (value) filters[name] = value;
  }
  if (filters.range === "custom" && !(filters.from && filters.to)) filters.range = "24h";

  const update = useCallback(
    (changes: Partial<Record<keyof OverviewFilters, string | undefined>>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [name, value] of Object.entries(changes)) {
        const key = URL_NAMES[name as keyof OverviewFilters];
        if (value) next.set(key, value);
        else next.delete(key);
      }
      router.replace(`${pathname ?? "/"}?${next.toString()}`);
    },
    [router, pathname, searchParams],
  );
  return { filters, update };
}
