/**
 * Reads a JSON reply as it arrives and keeps one page of its list: a platform that answers a list
 * whole (Maxbot's `get_prot` with every protocol of a period and every message of each) no longer
 * costs the gateway the whole reply, its string and its parsed tree at once.
 *
 * The reply must be a JSON object. Its member `listKey` (Maxbot's `data`) is the list: an array,
 * or an object of records (PHP's json_encode writes an array with gaps in its keys so; its values
 * are taken in the order sent). Of its items only those at positions `from` ≤ i < `to` are kept;
 * the others are scanned, counted and dropped as their bytes go by. Every other member is kept as
 * sent. At the end the kept text — the reply with its list cut down to the page, always as an
 * array — is parsed once.
 *
 * What is checked of the items that are not kept: the structure (brackets balanced and matched,
 * strings closed, nothing after the reply) and whether each one is a record (a JSON object). Their
 * scalars are not parsed: a malformed number in a protocol the page does not show goes unnoticed.
 */

/** Reads a platform's reply chunk by chunk instead of having it buffered whole. */
export interface ReplyReader {
  /** Replies that declare this many bytes or fewer are buffered as usual: the reader is for large ones. */
  readonly minBytes: number;
  /** A new attempt (a resend on a fresh socket): forget everything read so far. */
  reset(): void;
  write(chunk: Buffer): void;
}

/** What {@link JsonListWindow.finish} found. */
export interface ListWindow {
  /** The reply, with its list cut down to the kept items (an array, whatever form it came in). */
  reply: Record<string, unknown>;
  /** Items the list had; null when the reply had no list under that key (absent, null, a scalar). */
  total: number | null;
  /** False when some item, kept or not, was not a JSON object. */
  allRecords: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_LIST = Buffer.from('[');
const CLOSE_LIST = Buffer.from(']');
const SEPARATOR = Buffer.from(',');
/** Nesting deeper than this is refused (the bracket stack stays small whatever the platform sends). */
const MAX_DEPTH = 512;
/** A top-level key longer than this cannot be the list's; its bytes are not collected. */
const MAX_KEY_BYTES = 64;

const enum List {
  None,
  Array,
  Object,
}

/** Replies up to this size are parsed whole: for them the scan would only add work. */
export const STREAM_REPLIES_OVER = 64 * 1024;

export class JsonListWindow implements ReplyReader {
  private out: Buffer[] = [];
  private broken = false;
  private started = false;
  private done = false;
  /** The brackets open, innermost last: the top-level object is depth 1, the list's items sit at depth 2. */
  private stack: number[] = [];
  private inString = false;
  private escaped = false;
  private copying = true;
  /** Depth 1: the next string is a key. */
  private expectKey = false;
  private keyParts: Buffer[] | null = null;
  private keyBytes = 0;
  private keyIsList = false;
  /** After `"<listKey>":`, until the value's first byte. */
  private awaitingList = false;
  private list = List.None;
  /** An object-form list: the next string at depth 2 is a key (skipped). */
  private listExpectKey = false;
  private inItem = false;
  private itemIsScalar = false;
  private itemKept = false;
  private count = 0;
  private kept = 0;
  private listSeen = false;
  private allRecords = true;

  constructor(
    private readonly listKey: string,
    private readonly from: number,
    private readonly to: number,
    readonly minBytes = STREAM_REPLIES_OVER,
  ) {}

  reset(): void {
    Object.assign(this, new JsonListWindow(this.listKey, this.from, this.to, this.minBytes));
  }

  write(chunk: Buffer): void {
    if (this.broken) return;
    let segment = this.copying ? 0 : -1;
    let keyStart = this.keyParts ? 0 : -1;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (this.inString) {
        // Most of a reply's bytes are inside strings: a tight loop to the closing quote. (Jumping
        // with indexOf from backslash to quote measured no faster.)
        let escaped = this.escaped;
        for (; i < n; i++) {
          const c = chunk[i];
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) break;
        }
        this.escaped = escaped;
        if (i === n) break;
        this.inString = false;
        if (keyStart >= 0) {
          this.endKey(chunk.subarray(keyStart, i));
          keyStart = -1;
        }
        continue;
      }
      const b = chunk[i];
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      if (this.done || (!this.started && b !== OPEN_OBJECT)) {
        this.broken = true;
        return;
      }
      const depth = this.stack.length;
      switch (b) {
        case QUOTE:
          this.inString = true;
          if (depth === 1) {
            if (this.expectKey) {
              keyStart = i + 1;
              this.keyParts = [];
              this.keyBytes = 0;
            } else this.awaitingList = false;
          } else if (depth === 2 && this.list !== List.None && !this.inItem && !this.listExpectKey) {
            segment = this.startItem(chunk, i, segment, false);
          }
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (!this.started) {
            this.started = true;
            this.expectKey = true;
          } else if (depth === 1) {
            if (this.expectKey) return this.fail();
            if (this.awaitingList) {
              this.awaitingList = false;
              segment = this.openList(chunk, i, segment, b === OPEN_ARRAY ? List.Array : List.Object);
            }
          } else if (depth === 2 && this.list !== List.None && !this.inItem) {
            if (this.listExpectKey) return this.fail();
            segment = this.startItem(chunk, i, segment, b === OPEN_OBJECT);
          }
          if (this.stack.push(b) > MAX_DEPTH) return this.fail();
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          if (depth === 2 && this.inItem && this.itemIsScalar) segment = this.endItem(chunk, i, segment);
          const open = this.stack.pop();
          if (open !== (b === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) return this.fail();
          if (depth === 1) this.done = true;
          else if (depth === 2 && this.list !== List.None) segment = this.closeList(chunk, i, segment);
          else if (depth === 3 && this.inItem) segment = this.endItem(chunk, i + 1, segment);
          break;
        }
        case COMMA:
          if (depth === 1) this.expectKey = true;
          else if (depth === 2 && this.list !== List.None) {
            if (this.inItem) segment = this.endItem(chunk, i, segment);
            if (this.list === List.Object) this.listExpectKey = true;
          }
          break;
        case COLON:
          if (depth === 1) {
            this.expectKey = false;
            this.awaitingList = this.keyIsList;
          } else if (depth === 2 && this.list === List.Object) this.listExpectKey = false;
          break;
        default:
          // The first byte of a number, true, false or null.
          if (depth === 1) this.awaitingList = false;
          else if (depth === 2 && this.list !== List.None && !this.inItem && !this.listExpectKey) {
            segment = this.startItem(chunk, i, segment, false);
          }
      }
    }
    if (segment >= 0 && segment < n) this.out.push(Buffer.from(chunk.subarray(segment)));
    if (keyStart >= 0) this.collectKey(chunk.subarray(keyStart));
  }

  /** The reply with its list cut down to the page, or undefined when it was not a JSON object. */
  finish(): ListWindow | undefined {
    if (this.broken || !this.done) return undefined;
    let reply: unknown;
    try {
      reply = JSON.parse(Buffer.concat(this.out).toString('utf8'));
    } catch {
      return undefined;
    }
    // (The scan only lets a `{…}` through, so the parse gives an object.)
    return { reply: reply as Record<string, unknown>, total: this.listSeen ? this.count : null, allRecords: this.allRecords };
  }

  private fail(): void {
    this.broken = true;
    this.out = [];
  }

  private collectKey(part: Buffer): void {
    this.keyBytes += part.length;
    if (this.keyBytes <= MAX_KEY_BYTES) this.keyParts?.push(Buffer.from(part));
  }

  private endKey(last: Buffer): void {
    this.collectKey(last);
    const parts = this.keyParts ?? [];
    this.keyIsList = this.keyBytes <= MAX_KEY_BYTES && Buffer.concat(parts).toString('utf8') === this.listKey;
    this.keyParts = null;
  }

  /** Ends the segment being copied at `end` (exclusive); answers the new segment start (none). */
  private cut(chunk: Buffer, segment: number, end: number): number {
    if (segment >= 0 && end > segment) this.out.push(Buffer.from(chunk.subarray(segment, end)));
    this.copying = false;
    return -1;
  }

  private openList(chunk: Buffer, i: number, segment: number, form: List): number {
    this.cut(chunk, segment, i);
    this.out.push(OPEN_LIST);
    this.list = form;
    this.listExpectKey = form === List.Object;
    this.listSeen = true;
    // A second list under the same key replaces the first, as JSON.parse keeps the last.
    this.count = 0;
    this.kept = 0;
    this.allRecords = true;
    return -1;
  }

  private closeList(chunk: Buffer, i: number, segment: number): number {
    this.cut(chunk, segment, i);
    this.out.push(CLOSE_LIST);
    this.list = List.None;
    this.copying = true;
    return i + 1;
  }

  private startItem(chunk: Buffer, i: number, segment: number, isRecord: boolean): number {
    this.inItem = true;
    this.itemIsScalar = chunk[i] !== OPEN_OBJECT && chunk[i] !== OPEN_ARRAY;
    if (!isRecord) this.allRecords = false;
    const index = this.count++;
    this.itemKept = index >= this.from && index < this.to;
    if (!this.itemKept) return segment;
    if (this.kept++ > 0) this.out.push(SEPARATOR);
    this.copying = true;
    return i;
  }

  private endItem(chunk: Buffer, end: number, segment: number): number {
    this.inItem = false;
    if (!this.itemKept) return segment;
    this.itemKept = false;
    return this.cut(chunk, segment, end);
  }
}
