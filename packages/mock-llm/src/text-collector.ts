/** Accumulates the text of a conversation while a dialect walks its messages. */
export class TextCollector {
  private readonly parts: string[] = [];
  private readonly turns: string[] = [];
  chars = 0;
  lastUserText = "";

  /** Adds one message's text; `system` messages count for tokens but not for replay matching. */
  add(role: "system" | "user" | "assistant" | "tool", text: string): void {
    this.parts.push(text);
    this.chars += text.length;
    if (role !== "system") this.turns.push(text);
    if (role === "user") this.lastUserText = text;
  }

  promptText(): string {
    return this.parts.join("\n");
  }

  conversationText(): string {
    return this.turns.join("\n");
  }

  /** The collected text as a NormalizedRequest carries it. */
  texts() {
    return {
      promptText: this.promptText(),
      inputChars: this.chars,
      lastUserText: this.lastUserText,
      conversationText: this.conversationText(),
    };
  }
}

/** Text of a content value that is a string or an array of parts with `text`. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (typeof part === "object" && part !== null) {
      const value = (part as { text?: unknown }).text;
      if (typeof value === "string") text = text.length === 0 ? value : `${text}\n${value}`;
    }
  }
  return text;
}
