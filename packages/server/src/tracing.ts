/**
 * OpenTelemetry export, on when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 * is set: the official Node SDK's tracer provider, batching spans to the OTLP/HTTP exporter (which
 * reads the standard OTEL_EXPORTER_OTLP_* variables: endpoint, headers, timeout), service name
 * from OTEL_SERVICE_NAME (default "switchyard"). Unset: nothing is registered and the gateway
 * makes no spans.
 */
import { trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { enableTracing } from "@switchyard/gateway";

export interface Tracing {
  /** Flushes the spans not sent yet and stops exporting. */
  shutdown(): Promise<void>;
}

export function setUpTracing(env: NodeJS.ProcessEnv = process.env): Tracing | null {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  // The traces endpoint as the OTLP spec derives it: the signal's own variable as given, else
  // the base endpoint with /v1/traces.
  const url =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.replace(/\/+$/, "")}/v1/traces` : "");
  if (!url || env.OTEL_SDK_DISABLED === "true") return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME ?? "switchyard" }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  provider.register();
  enableTracing(trace.getTracer("switchyard-gateway"));
  return {
    async shutdown() {
      enableTracing(null);
      await provider.shutdown();
    },
  };
}
