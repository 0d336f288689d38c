import type { Metadata } from "next";
import { EmptyState } from "@/features/console/empty-state";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "Budgets" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Budgets"
        description="Spending limits per team and per key, and how much of each period is used."
      />
      <EmptyState title="This page is not built yet">
        <p>
          Budgets appear here with their period, limit and spend so far; requests over a hard limit
          are refused with a clear error.
        </p>
      </EmptyState>
    </>
  );
}
