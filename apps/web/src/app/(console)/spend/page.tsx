import type { Metadata } from "next";
import { PageHeader } from "@/features/console/page-header";
import { SpendPage } from "@/features/spend/spend-page";

export const metadata: Metadata = { title: "Spend" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Spend"
        description="Where the money went over a window: by API key, model, tag or user, with the same numbers as CSV."
      />
      <SpendPage />
    </>
  );
}
