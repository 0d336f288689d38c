import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageHeader } from "@/features/console/page-header";
import { OverviewPage } from "@/features/overview/overview-page";

export const metadata: Metadata = { title: "Overview" };

async function apiBaseUrl(): Promise<string> {
  const requestHeaders = await headers();
  const host =
    requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${protocol}://${host}`;
}

export default async function Page() {
  const baseUrl = await apiBaseUrl();
  const curlExample = `curl -si ${baseUrl}/v1/chat/completions \\
  -H "Authorization: Bearer <your API key>" \\
  -H "Content-Type: application/json" \\
  -d '{"model":"switchyard/auto","messages":[{"role":"user","content":"Hello"}]}'`;
  return (
    <>
      <PageHeader
        title="Overview"
        description="Spend against budget, savings against always using the premium model, routing, latency and errors for the team."
      />
      <OverviewPage curlExample={curlExample} />
    </>
  );
}
