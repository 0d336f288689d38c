import type { Metadata } from "next";
import { PageHeader } from "@/features/console/page-header";
import { StatementPage } from "@/features/statement/statement-page";

export const metadata: Metadata = { title: "Statement" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Statement"
        description="A month's spend for the team: totals, by key, model, tag and user, savings and budgets. Printable, and as CSV or JSON."
      />
      <StatementPage />
    </>
  );
}
