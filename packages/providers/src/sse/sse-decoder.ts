/**
 * Incremental Server-Sent Events decoder (WHATWG "event stream interpretation"): feed it Buffer or
 * string chunks as they arrive; it returns every event completed by that chunk. Handles lines and
 * UTF-8 characters split across chunks, LF / CRLF / CR line ends, multi-line `data:`, comments,
 * and a leading byte-order mark.
 */
export interface SseEvent {
  /** The `event:` field, absent when the event had none (the spec's default "message"). */
  event?: string;
  /** `data:` lines joined with "\n". */
  data: string;
  id?: string;
  retry?: number;
}

const LF = 10;

export class SseDecoder {
  private buffer = "";
  private readonly textDecoder = new TextDecoder("utf-8");
  private data: string[] = [];
  private eventName: string | undefined = undefined;
  private lastId: string | undefined = undefined;
  private retry: number | undefined = undefined;
  private pendingCr = false;
  private started = false;

  /** Decode one chunk; returns the events it completed (often none or one). */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === "string" ? chunk : this.textDecoder.decode(chunk, { stream: true });
    if (text.length === 0) return [];
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCr) {
      // A CR ended the previous chunk: a LF right after it belongs to the same line end.
      this.pendingCr = false;
      if (text.charCodeAt(0) === LF) text = text.slice(1);
    }
    const buffer = this.buffer.length === 0 ? text : this.buffer + text;
    const events: SseEvent[] = [];
    let start = 0;
    const length = buffer.length;
    // indexOf runs natively; a stream without CR pays for one failed search per chunk.
    let lf = buffer.indexOf("\n");
    let cr = buffer.indexOf("\r");
    while (lf !== -1 || cr !== -1) {
      let end: number;
      let next: number;
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        end = lf;
        next = lf + 1;
      } else {
        end = cr;
        if (cr + 1 < length) {
          next = buffer.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
        } else {
          next = cr + 1;
          this.pendingCr = true;
        }
      }
      this.line(buffer, start, end, events);
      start = next;
      if (lf !== -1 && lf < start) lf = buffer.indexOf("\n", start);
      if (cr !== -1 && cr < start) cr = buffer.indexOf("\r", start);
    }
    this.buffer = start >= length ? "" : buffer.slice(start);
    return events;
  }

  /**
   * End of stream: flush a final line without its terminator and dispatch a pending event. (The
   * spec drops an unterminated event; upstreams that omit the final blank line are common enough
   * that keeping it is the safer choice for a proxy.)
   */
  end(): SseEvent[] {
    const rest = this.textDecoder.decode();
    const events: SseEvent[] = [];
    const buffer = this.buffer + rest;
    this.buffer = "";
    if (buffer.length > 0) this.line(buffer, 0, buffer.length, events);
    this.dispatch(events);
    return events;
  }

  private line(buffer: string, start: number, end: number, events: SseEvent[]): void {
    if (start === end) {
      this.dispatch(events);
      return;
    }
    if (buffer.charCodeAt(start) === 58 /* ":" comment */) return;
    const colon = buffer.indexOf(":", start);
    let field: string;
    let value: string;
    if (colon === -1 || colon >= end) {
      field = buffer.slice(start, end);
      value = "";
    } else {
      field = buffer.slice(start, colon);
      let valueStart = colon + 1;
      if (buffer.charCodeAt(valueStart) === 32 /* space */) valueStart++;
      value = valueStart >= end ? "" : buffer.slice(valueStart, end);
    }
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.eventName = value;
        break;
      case "id":
        if (!value.includes("\0")) this.lastId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data.length === 0) {
      this.eventName = undefined;
      return;
    }
    const event: SseEvent = {
      data: this.data.length === 1 ? (this.data[0] as string) : this.data.join("\n"),
    };
    if (this.eventName !== undefined && this.eventName !== "") event.event = this.eventName;
    if (this.lastId !== undefined) event.id = this.lastId;
    if (this.retry !== undefined) {
      event.retry = this.retry;
      this.retry = undefined;
    }
    events.push(event);
    this.data = [];
    this.eventName = undefined;
  }
}
