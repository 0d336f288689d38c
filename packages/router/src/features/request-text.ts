/** The text the features read from an OpenAI-shaped message list. */
export interface ChatMessageLike {
  role: string;
  content: string | null | readonly { type: string; text?: string }[];
}

function messageText(content: ChatMessageLike["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  let text = "";
  for (const part of content)
    if (part.type === "text" && part.text) text += text ? `\n${part.text}` : part.text;
  return text;
}

/** All non-system message text, joined, and the number of user turns. */
export function promptOf(messages: readonly ChatMessageLike[]): { text: string; turns: number } {
  let text = "";
  let turns = 0;
  for (const message of messages) {
    if (message.role === "user") turns++;
    if (message.role === "system") continue;
    const part = messageText(message.content);
    if (part) text += text ? `\n${part}` : part;
  }
  return { text, turns };
}
