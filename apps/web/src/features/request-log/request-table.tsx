import { TruncatedText } from "@/components/truncated-text";
import { formatCount, formatMs, formatUsd } from "../overview/format";
import type { RequestSummary } from "./contract";

const STATUS_CLASS: Record<RequestSummary["status"], string> = {
  ok: "bg-emerald-50 text-emerald-700",
  error: "bg-red-50 text-red-700",
  client_closed: "bg-amber-50 text-amber-700",
  blocked: "bg-slate-100 text-slate-700",
};

const time = (iso: string) =>
  new Date(iso).toLocaleString("en-US", {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });

/** One page of the log; a row opens the request's detail. */
export function RequestTable({
  requests,
  selected,
  onSelect,
}: {
  requests: RequestSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-left text-sm" data-testid="request-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Key</th>
            <th className="px-3 py-2 font-medium">Model</th>
            <th className="hidden px-3 py-2 font-medium md:table-cell">Route</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="hidden px-3 py-2 text-right font-medium sm:table-cell">Tokens</th>
            <th className="px-3 py-2 text-right font-medium">Cost</th>
            <th className="px-3 py-2 text-right font-medium">Latency</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {requests.map((request) => (
            <tr
              key={request.id}
              data-testid="request-row"
              data-request-id={request.id}
              className={`cursor-pointer hover:bg-slate-50 ${selected === request.id ? "bg-indigo-50" : ""}`}
              onClick={() => onSelect(request.id)}
            >
              <td className="whitespace-nowrap px-3 py-2 tabular-nums text-slate-600">
                <button
                  type="button"
                  className="text-left hover:underline"
                  onClick={() => onSelect(request.id)}
                >
                  {time(request.createdAt)}
                </button>
              </td>
              <td className="px-3 py-2">
                <TruncatedText text={request.keyName ?? "—"} className="max-w-48" />
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                {request.routedModel ?? request.requestedModel}
              </td>
              <td className="hidden max-w-56 truncate px-3 py-2 font-mono text-xs text-slate-600 md:table-cell">
                {request.routeReason}
              </td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_CLASS[request.status]}`}>
                  {request.status} {request.httpStatus}
                </span>
              </td>
              <td className="hidden whitespace-nowrap px-3 py-2 text-right tabular-nums sm:table-cell">
                {formatCount(request.inputTokens)} / {formatCount(request.outputTokens)}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {request.unpriced ? (
                  <span
                    className="text-amber-700"
                    title="Served by a model without a price: the cost is unknown"
                  >
                    unknown
                  </span>
                ) : (
                  formatUsd(request.costUsd)
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {formatMs(request.latencyMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
