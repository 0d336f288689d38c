import type { Metadata } from "next";
import { PageHeader } from "@/features/console/page-header";
import { RequestLogPage } from "@/features/request-log/request-log-page";

export const metadata: Metadata = { title: "Request log" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Request log"
        description="Every request with the model it was routed to, why, what it cost and how long it took."
      />
      <RequestLogPage />
    </>
  );
}
