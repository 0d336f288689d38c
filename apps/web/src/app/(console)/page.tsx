import type { Metadata } from "next";
import { headers } from "next/headers";
import { EmptyState } from "@/features/console/empty-state";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "Overview" };

async function apiBaseUrl(): Promise<string> {
  const requestHeaders = await headers();
  const host =
    requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${protocol}://${host}`;
}

export default async function OverviewPage() {
  const baseUrl = await apiBaseUrl();
  return (
    <>
      <PageHeader
        title="Overview"
        description="Spend, savings against always using the strongest model, latency and errors across your teams."
      />
      <EmptyState title="No usage to show yet">
        <p>
          Charts of requests, cost and savings appear here once traffic flows through the gateway.
          Send a request to the OpenAI-compatible endpoint with an API key and the model{" "}
          <code className="rounded bg-slate-100 px-1 font-mono">switchyard/auto</code>:
        </p>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 font-mono text-xs text-slate-100">
          {`curl -s ${baseUrl}/v1/chat/completions \\
  -H "Authorization: Bearer <your API key>" \\
  -H "Content-Type: application/json" \\
  -d '{"model":"switchyard/auto","messages":[{"role":"user","content":"Hello"}]}'`}
        </pre>
        <p>
          <code className="rounded bg-slate-100 px-1 font-mono">pnpm start</code> prints a
          ready-to-paste version with the demo team&apos;s key.
        </p>
      </EmptyState>
    </>
  );
}
