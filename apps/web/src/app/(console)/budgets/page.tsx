import type { Metadata } from "next";
import { BudgetsPage } from "@/features/budgets/budgets-page";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "Budgets" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Budgets"
        description="Spending limits per team and per key, how much of each period is used, and the alerts they sent."
      />
      <BudgetsPage />
    </>
  );
}
