import type { Metadata } from "next";
import { AuditPage } from "@/features/audit/audit-view";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "Audit log" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in the team: who, what, and the values before and after. Newest first."
      />
      <AuditPage />
    </>
  );
}
