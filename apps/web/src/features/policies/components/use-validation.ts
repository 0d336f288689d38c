"use client";
/** Validates the draft on the server (router schema + compile against the team's models), debounced. */
import { useEffect, useState } from "react";
import { callEndpoint } from "@/lib/api-client";
import { type PolicyIssue, validatePolicy } from "../contract";

export function useValidation(teamId: string, document: unknown, enabled: boolean) {
  const [state, setState] = useState<{ checking: boolean; issues: PolicyIssue[] | null }>({
    checking: false,
    issues: null,
  });
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      callEndpoint(validatePolicy, { params: { teamId }, body: { body: document } })
        .then((result) => {
          if (!cancelled) setState({ checking: false, issues: result.issues });
        })
        .catch((error: Error) => {
          if (!cancelled)
            setState({ checking: false, issues: [{ path: "(request)", message: error.message }] });
        });
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [teamId, document, enabled]);
  return state;
}
