import type { PolicyIssue } from "../contract";

export function IssueList({ issues, title }: { issues: PolicyIssue[]; title: string }) {
  if (issues.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="policy-issues"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <p className="font-medium">{title}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <code className="font-mono">{issue.path}</code>: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
