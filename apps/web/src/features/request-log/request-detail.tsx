"use client";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { useEndpointQuery } from "@/lib/api-client";
import { formatCount, formatMs, formatUsd } from "../overview/format";
import { getRequest, type RequestDetail } from "./contract";
import { tokenClassParts } from "./token-classes";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

function Content({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</h3>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
        {text}
      </pre>
    </div>
  );
}

function FeedbackList({ feedback }: { feedback: RequestDetail["feedback"] }) {
  return (
    <div data-testid="request-feedback">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Feedback</h3>
      <ul className="mt-1 space-y-1 text-sm text-slate-800">
        {feedback.map((item) => (
          <li key={item.sourceId} className="flex flex-wrap gap-x-3">
            <span>score {item.score === null ? "—" : item.score.toFixed(2)}</span>
            {item.comment ? <span className="text-slate-600">“{item.comment}”</span> : null}
            <span className="text-xs text-slate-500">
              {new Date(item.createdAt).toLocaleString("en-US")} · {item.sourceId}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TokenClasses({ request }: { request: RequestDetail }) {
  const parts = tokenClassParts(request);
  return (
    <span className="text-xs" data-testid="request-token-classes">
      {parts.length === 0 ? "input and output only" : parts.join(" · ")}
    </span>
  );
}

function Body({ request }: { request: RequestDetail }) {
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Time">{new Date(request.createdAt).toLocaleString("en-US")}</Field>
        <Field label="Key">{request.keyName ?? "—"}</Field>
        <Field label="Status">
          {request.status} ({request.httpStatus})
          {request.errorCode ? ` · ${request.errorCode}` : ""}
        </Field>
        <Field label="Surface">{request.surface}</Field>
        <Field label="Requested">{request.requestedModel}</Field>
        <Field label="Routed to">
          {request.routedModel ?? "—"}
          {request.provider ? ` (${request.provider})` : ""}
        </Field>
        <Field label="Tokens in / out">
          {formatCount(request.inputTokens)} / {formatCount(request.outputTokens)}
          {request.usageEstimated ? " (estimated)" : ""}
        </Field>
        <Field label="Cost">
          {request.unpriced ? (
            <span className="text-amber-700" data-testid="request-unpriced">
              unknown: the model has no price
              {Number(request.costUsd) > 0 ? ` (priced calls ${formatUsd(request.costUsd)})` : ""}
            </span>
          ) : (
            <>
              {formatUsd(request.costUsd)}{" "}
              <span className="text-slate-500">
                vs baseline {formatUsd(request.baselineCostUsd)}
              </span>
            </>
          )}
        </Field>
        <Field label="Token classes">
          <TokenClasses request={request} />
        </Field>
        <Field label="Latency">{formatMs(request.latencyMs)}</Field>
        <Field label="Time to first token">
          {request.streamed ? formatMs(request.ttftMs) : "not streamed"}
        </Field>
        <Field label="Gateway overhead">{request.overheadMs.toFixed(2)} ms</Field>
        <Field label="Cascade">{request.cascaded ? "escalated" : "no"}</Field>
        <Field label="Tags">
          <span className="font-mono text-xs" data-testid="request-tags">
            {request.tags.length > 0 ? request.tags.join(", ") : "—"}
          </span>
        </Field>
      </dl>
      {request.feedback.length > 0 ? <FeedbackList feedback={request.feedback} /> : null}
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Route</h3>
        <p className="mt-1 font-mono text-xs text-slate-800" data-testid="route-reason">
          {request.routeReason}
        </p>
        <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-700">
          {JSON.stringify(request.routeTrace, null, 2)}
        </pre>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Attempts ({request.attemptCount})
        </h3>
        <ol className="mt-1 space-y-1 text-sm">
          {request.attempts.map((attempt, index) => (
            <li
              // Attempts have no id; their order is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: ordered, never reordered
              key={index}
              className="flex flex-wrap gap-x-3 font-mono text-xs text-slate-700"
            >
              <span>{index + 1}.</span>
              <span>{attempt.model}</span>
              {attempt.provider ? <span>{attempt.provider}</span> : null}
              {attempt.reason ? <span>{attempt.reason}</span> : null}
              <span>{attempt.status ?? "no response"}</span>
              {attempt.error ? <span className="text-red-700">{attempt.error}</span> : null}
              {attempt.ms !== null && attempt.ms !== undefined ? (
                <span>{formatMs(attempt.ms)}</span>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
      {request.promptText !== null ? <Content label="Prompt" text={request.promptText} /> : null}
      {request.completionText !== null ? (
        <Content label="Completion" text={request.completionText} />
      ) : null}
      {request.promptText === null && request.completionText === null ? (
        <p className="text-xs text-slate-500">
          No prompt or completion stored: content logging was off for this team.
        </p>
      ) : null}
    </div>
  );
}

/** A request's detail: route trace, attempts, tokens, cost, timing, and content when logged. */
export function RequestDetailPanel({
  teamId,
  requestId,
  onClose,
}: {
  teamId: string;
  requestId: string;
  onClose: () => void;
}) {
  const query = useEndpointQuery(getRequest, { params: { teamId, requestId } });
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      data-testid="request-detail"
      aria-label="Request detail"
    >
      <div className="mb-4 flex items-start justify-between gap-4">
        <h2 className="break-all font-mono text-sm font-semibold text-slate-800">{requestId}</h2>
        <button
          type="button"
          className="text-sm text-slate-500 hover:text-slate-800"
          onClick={onClose}
        >
          Close
        </button>
      </div>
      {query.isPending ? <Loading label="Loading request…" /> : null}
      {query.error ? <ErrorNote error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <Body request={query.data.request} /> : null}
    </section>
  );
}
