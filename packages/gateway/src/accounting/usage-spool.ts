/**
 * The accounting spool: request-log batches the database could not take, kept on local disk until
 * it can. Append-only segment files of framed batches (`<crc32 hex> <json>\n`), each append
 * fsync'd before it counts as spooled; a size bound (beyond it, batches are refused and counted as
 * dropped); replayed in order, oldest first, the read position kept in a cursor file so a restart
 * goes on where it stopped (a batch read twice is harmless: the sink skips rows it already has).
 * One process per directory (a lock file holds its pid).
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import type { RequestLogEntry } from "@switchyard/core";

export interface UsageSpoolOptions {
  dir: string;
  /** Most bytes kept on disk; a batch that would go beyond is refused. */
  maxBytes: number;
  /** A segment file is closed and a new one started past this size. */
  segmentBytes?: number;
}

const SEGMENT = /^segment-(\d{12})\.log$/;
const segmentName = (index: number) => `segment-${String(index).padStart(12, "0")}.log`;

interface Cursor {
  segment: number;
  offset: number;
}

/** One batch read back from the spool, and how to mark it done. */
export interface SpooledBatch {
  entries: RequestLogEntry[];
  /** Move the read position past this batch (call once it is written). */
  done(): Promise<void>;
}

function revive(entries: unknown): RequestLogEntry[] {
  return (entries as (RequestLogEntry & { createdAt: string })[]).map((entry) => ({
    ...entry,
    createdAt: new Date(entry.createdAt),
  }));
}

export class UsageSpool {
  private segments: number[] = [];
  private bytes = 0;
  private cursor: Cursor = { segment: 0, offset: 0 };
  /** Every operation runs after the one before: appends, reads and removals never interleave. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The segment being replayed, decoded once (read again only when it grew). */
  private head: { segment: number; size: number; text: string } | null = null;
  /** A segment whose last write was cut short: never appended to again. */
  private torn: number | null = null;
  /** Frames whose checksum did not match (a torn or damaged write), skipped. */
  corruptFrames = 0;

  private constructor(private readonly options: UsageSpoolOptions) {}

  /** Open (and lock) the spool directory, finding what an earlier run left there. */
  static async open(options: UsageSpoolOptions): Promise<UsageSpool> {
    const spool = new UsageSpool(options);
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    spool.lock();
    for (const name of await readdir(options.dir)) {
      const match = SEGMENT.exec(name);
      if (match?.[1] === undefined) continue;
      spool.segments.push(Number(match[1]));
      spool.bytes += (await stat(path.join(options.dir, name))).size;
    }
    spool.segments.sort((a, b) => a - b);
    spool.cursor = await spool.readCursor();
    // A write cut short (a crash mid-append) leaves a line without its newline: append after it
    // would glue the next batch to it, so appends go to a new segment.
    const last = spool.segments.at(-1);
    if (last !== undefined && !(await spool.segmentText(last)).endsWith("\n")) spool.torn = last;
    return spool;
  }

  /** Bytes held on disk, read or not. */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** Whether batches wait to be replayed. */
  async hasPending(): Promise<boolean> {
    return (await this.peek()) !== null;
  }

  /**
   * Append one batch; resolves once it is on disk (fsync'd). False when the size bound refuses it.
   * Appends are serialised, so batches are replayed in the order they were spooled.
   */
  append(entries: readonly RequestLogEntry[]): Promise<boolean> {
    return this.serial(() => this.write(entries));
  }

  /** The oldest batch not yet replayed, or null. */
  peek(): Promise<SpooledBatch | null> {
    return this.serial(() => this.readNext());
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(operation);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async readNext(): Promise<SpooledBatch | null> {
    for (;;) {
      const segment = this.segments.find((index) => index >= this.cursor.segment);
      if (segment === undefined) return null;
      if (segment !== this.cursor.segment) this.cursor = { segment, offset: 0 };
      const text = await this.segmentText(segment);
      const frame = this.nextFrame(text, this.cursor.offset);
      if (frame !== null) {
        const next = { segment, offset: frame.end };
        return { entries: frame.entries, done: () => this.serial(() => this.advance(next)) };
      }
      // Nothing more in this segment: drop it, unless it is the one being appended to and holds
      // a torn tail (a write cut short); a fully read last segment goes too, so an empty spool
      // holds no bytes.
      const last = segment === this.segments.at(-1);
      if (last && this.cursor.offset < text.length) return null;
      await this.removeSegment(segment);
      if (last) {
        this.cursor = { segment: segment + 1, offset: 0 };
        return null;
      }
    }
  }

  /** Every entry still waiting (e.g. to count spend not yet in the database). */
  pendingEntries(): Promise<RequestLogEntry[]> {
    return this.serial(() => this.readAll());
  }

  private async readAll(): Promise<RequestLogEntry[]> {
    const out: RequestLogEntry[] = [];
    for (const segment of this.segments) {
      if (segment < this.cursor.segment) continue;
      const text = await readFile(path.join(this.options.dir, segmentName(segment)), "utf8");
      let offset = segment === this.cursor.segment ? this.cursor.offset : 0;
      for (let frame = this.nextFrame(text, offset); frame !== null; ) {
        out.push(...frame.entries);
        offset = frame.end;
        frame = this.nextFrame(text, offset);
      }
    }
    return out;
  }

  /** Release the directory lock (appends already made stay on disk for the next run). */
  async close(): Promise<void> {
    await this.tail;
    try {
      unlinkSync(this.lockFile);
    } catch {
      // already gone
    }
  }

  private get lockFile(): string {
    return path.join(this.options.dir, "LOCK");
  }

  private lock(): void {
    try {
      const held = Number(readFileSync(this.lockFile, "utf8"));
      if (Number.isInteger(held) && held !== process.pid && alive(held)) {
        throw new Error(
          `the accounting spool ${this.options.dir} is in use by process ${held}: give each gateway process its own SWITCHYARD_SPOOL_DIR`,
        );
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const fd = openSync(this.lockFile, "w", 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
  }

  private async write(entries: readonly RequestLogEntry[]): Promise<boolean> {
    const json = JSON.stringify(entries);
    const frame = `${crc32(json).toString(16).padStart(8, "0")} ${json}\n`;
    const size = Buffer.byteLength(frame);
    if (this.bytes + size > this.options.maxBytes) return false;
    const segmentBytes = this.options.segmentBytes ?? 16 * 1024 * 1024;
    let last = this.segments.at(-1);
    if (
      last === undefined ||
      last === this.torn ||
      (await this.segmentSize(last)) + size > segmentBytes
    ) {
      last = (last ?? this.cursor.segment - 1) + 1;
      this.segments.push(last);
    }
    const handle = await open(path.join(this.options.dir, segmentName(last)), "a", 0o600);
    try {
      await handle.write(frame);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.bytes += size;
    return true;
  }

  private async segmentText(index: number): Promise<string> {
    const size = await this.segmentSize(index);
    if (this.head?.segment === index && this.head.size === size) return this.head.text;
    const text = await readFile(path.join(this.options.dir, segmentName(index)), "utf8").catch(
      () => "",
    );
    this.head = { segment: index, size, text };
    return text;
  }

  private async segmentSize(index: number): Promise<number> {
    return (
      (await stat(path.join(this.options.dir, segmentName(index))).catch(() => null))?.size ?? 0
    );
  }

  /** The next whole frame from `offset`: a torn tail (no newline yet) ends the segment's frames. */
  private nextFrame(text: string, offset: number) {
    let start = offset;
    for (;;) {
      const end = text.indexOf("\n", start);
      if (end === -1) return null;
      const line = text.slice(start, end);
      const space = line.indexOf(" ");
      const json = line.slice(space + 1);
      if (space === 8 && crc32(json).toString(16).padStart(8, "0") === line.slice(0, 8)) {
        // Offsets are in UTF-16 units of the decoded text; the cursor is only ever used on it.
        return { entries: revive(JSON.parse(json)), end: end + 1 };
      }
      this.corruptFrames += 1;
      start = end + 1;
    }
  }

  private async advance(next: Cursor): Promise<void> {
    this.cursor = next;
    await writeFile(path.join(this.options.dir, "cursor.json"), JSON.stringify(next), {
      mode: 0o600,
    });
  }

  private async readCursor(): Promise<Cursor> {
    try {
      const parsed = JSON.parse(await readFile(path.join(this.options.dir, "cursor.json"), "utf8"));
      if (Number.isInteger(parsed.segment) && Number.isInteger(parsed.offset)) return parsed;
    } catch {
      // no cursor yet: from the start
    }
    return { segment: this.segments[0] ?? 0, offset: 0 };
  }

  private async removeSegment(index: number): Promise<void> {
    const file = path.join(this.options.dir, segmentName(index));
    this.bytes -= await this.segmentSize(index);
    await rm(file, { force: true });
    if (this.head?.segment === index) this.head = null;
    this.segments = this.segments.filter((segment) => segment !== index);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
