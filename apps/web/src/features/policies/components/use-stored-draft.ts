"use client";
/**
 * A policy editor's unsaved draft, kept in this browser (localStorage, one entry per policy) so a
 * reload, a closed tab or a trip to another page does not lose it, and a warning before the page
 * unloads while it differs from the last saved version.
 */
import { useEffect, useRef } from "react";
import { z } from "zod";

const storedDraftSchema = z.object({
  /** The draft's text, as the JSON view shows it. */
  text: z.string(),
  /** Where the draft started (e.g. "v3"), for the notice. */
  base: z.string(),
  savedAt: z.number(),
});
export type StoredDraft = z.infer<typeof storedDraftSchema>;

const storageKey = (policyId: string) => `switchyard:policy-draft:${policyId}`;

/** The draft kept for `policyId`, unless it is the same text as `savedText` (or unreadable). */
export function readStoredDraft(policyId: string, savedText: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(policyId));
    if (raw === null) return null;
    const parsed = storedDraftSchema.safeParse(JSON.parse(raw));
    if (parsed.success && parsed.data.text !== savedText) return parsed.data;
    window.localStorage.removeItem(storageKey(policyId));
  } catch {
    // Storage unavailable (private mode, quota) or garbage: nothing to restore.
  }
  return null;
}

/** Whether a draft is kept for `policyId` (the editor keeps one while it differs from the saved). */
export function hasStoredDraft(policyId: string): boolean {
  try {
    return window.localStorage.getItem(storageKey(policyId)) !== null;
  } catch {
    return false;
  }
}

export function forgetStoredDraft(policyId: string): void {
  try {
    window.localStorage.removeItem(storageKey(policyId));
  } catch {
    // Nothing was kept.
  }
}

/**
 * Keeps `text` for `policyId` while `dirty` (forgets it once it is not), from the first change on:
 * opening the editor on another version does not overwrite a kept draft by itself. While dirty,
 * reloading or closing the page asks first.
 */
export function useStoredDraft(
  policyId: string,
  base: string,
  text: string,
  dirty: boolean,
  enabled: boolean,
): void {
  const mounted = useRef({ text, dirty, changed: false });
  useEffect(() => {
    const at = mounted.current;
    at.changed ||= text !== at.text || dirty !== at.dirty;
    if (!enabled || !at.changed) return;
    if (!dirty) {
      forgetStoredDraft(policyId);
      return;
    }
    try {
      const draft: StoredDraft = { text, base, savedAt: Date.now() };
      window.localStorage.setItem(storageKey(policyId), JSON.stringify(draft));
    } catch {
      // Storage full or unavailable: the unload warning still guards the draft.
    }
  }, [policyId, base, text, dirty, enabled]);

  useEffect(() => {
    if (!enabled || !dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [enabled, dirty]);
}
