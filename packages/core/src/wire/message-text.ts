/** A message's content as the canonical (OpenAI) form has it, or as a looser caller may. */
export type MessageContent =
  | string
  | null
  | undefined
  | readonly { type: string; text?: unknown; refusal?: unknown }[];

/**
 * The text of a message's content, in one place: a string as it is; a list of parts as its text
 * parts (and an assistant's refusal parts) joined by `separator`; images, audio and files have no
 * text. Used for prompts in the request log, token estimates, the judge's transcript, routing
 * features and the providers' assistant turns.
 */
export function messageText(content: MessageContent, separator = "\n"): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  let text = "";
  let first = true;
  for (const part of content) {
    const value =
      part.type === "text" ? part.text : part.type === "refusal" ? part.refusal : undefined;
    if (typeof value !== "string" || value === "") continue;
    text += first ? value : `${separator}${value}`;
    first = false;
  }
  return text;
}
