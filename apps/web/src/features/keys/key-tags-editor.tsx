"use client";
/** Edits an existing key in place (keys.update): its name, default tags and learning opt-out. */
import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { inputClass, secondaryButtonClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { useEndpointMutation } from "@/lib/api-client";
import { type ApiKeyView, listKeys, updateKey } from "./contract";
import { parseTagList } from "./format";

export function KeyTagsEditor({ teamId, apiKey }: { teamId: string; apiKey: ApiKeyView }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(apiKey.name);
  const [tags, setTags] = useState(apiKey.tags.join(", "));
  const [optOut, setOptOut] = useState(apiKey.learningOptOut);
  const update = useEndpointMutation(updateKey, {
    invalidates: [listKeys],
    onSuccess: () => setOpen(false),
  });
  if (!open)
    return (
      <button
        type="button"
        className="text-xs font-normal text-indigo-700 hover:underline"
        aria-label={`Edit ${apiKey.name}`}
        onClick={() => {
          setName(apiKey.name);
          setTags(apiKey.tags.join(", "));
          setOptOut(apiKey.learningOptOut);
          update.reset();
          setOpen(true);
        }}
      >
        Edit
      </button>
    );
  return (
    <form
      className="mt-2 space-y-2 font-normal"
      data-testid="key-tags-form"
      onSubmit={(event) => {
        event.preventDefault();
        update.submit({
          params: { teamId, keyId: apiKey.id },
          body: {
            ...(name.trim() !== apiKey.name && { name: name.trim() }),
            tags: parseTagList(tags),
            learningOptOut: optOut,
          },
        });
      }}
    >
      <label htmlFor={`${id}-name`} className="block text-xs text-slate-600">
        Name
      </label>
      <input
        id={`${id}-name`}
        className={`${inputClass} w-full min-w-48`}
        value={name}
        maxLength={80}
        onChange={(event) => setName(event.target.value)}
      />
      <label htmlFor={`${id}-tags`} className="block text-xs text-slate-600">
        Default tags (comma-separated)
      </label>
      <input
        id={`${id}-tags`}
        className={`${inputClass} w-full min-w-48`}
        value={tags}
        placeholder="app:billing, env:prod"
        onChange={(event) => setTags(event.target.value)}
      />
      <label className="flex items-center gap-2 text-xs text-slate-600">
        <input
          type="checkbox"
          checked={optOut}
          onChange={(event) => setOptOut(event.target.checked)}
        />
        Never sample this key's requests for calibration
      </label>
      <div className="flex gap-2">
        <SubmitButton pending={update.isPending} pendingLabel="Saving…">
          Save
        </SubmitButton>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {update.error ? <ErrorNote error={update.error} /> : null}
    </form>
  );
}
