import { createHash } from 'node:crypto';
import { PonteError } from '../errors/ponte-error';

/** The one pagination style: `limit` + opaque `cursor` in, `{ data, pageInfo }` out. */
export interface PageInfo {
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  hasNextPage: boolean;
  /** Total matching items when the platform tells (null when it does not). */
  totalCount: number | null;
}

export interface Page<T> {
  data: T[];
  pageInfo: PageInfo;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/**
 * Binds a cursor to the filters it was issued for, so a cursor replayed with other filters is
 * refused instead of silently paging a different list.
 */
export function filterFingerprint(filters: object): string {
  const canonical = JSON.stringify(
    Object.entries(filters)
      .filter(([k, v]) => v !== undefined && k !== 'cursor' && k !== 'limit' && k !== 'connection')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

export function encodeCursor(state: Record<string, string | number>, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ ...state, f: fingerprint })).toString('base64url');
}

/** Decodes a cursor issued for `fingerprint`; anything else is a `validation_failed` on `cursor`. */
export function decodeCursor(cursor: string, fingerprint: string): Record<string, unknown> {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    state = undefined;
  }
  if (!state || typeof state !== 'object') {
    throw PonteError.validation([{ field: 'cursor', message: 'is not a cursor issued by this API' }]);
  }
  if ((state as { f?: unknown }).f !== fingerprint) {
    throw PonteError.validation([
      { field: 'cursor', message: 'was issued for different filters; repeat the same filters or start without a cursor' },
    ]);
  }
  return state as Record<string, unknown>;
}

/**
 * Pages a list the platform returned whole and maps only the records on the page: a 5,000-record
 * reply shown 50 at a time costs 50 mappings, not 5,000.
 */
export function pageOfRecords<R, T>(
  records: R[],
  map: (record: R) => T,
  args: { limit?: number; cursor?: string },
  filters: object = args,
): Page<T> {
  const window = pageWindow(args, filters);
  return pageOfWindow(records.slice(window.offset, window.offset + window.limit), records.length, window, map, filters);
}

/** Where a page of a list starts and how long it is. */
export interface PageWindow {
  offset: number;
  limit: number;
}

/**
 * The page asked for, its cursor decoded and checked against the filters: done before the platform
 * is called, a bad cursor costs no call.
 */
export function pageWindow(args: { limit?: number; cursor?: string }, filters: object = args): PageWindow {
  let offset = 0;
  if (args.cursor) {
    const state = decodeCursor(args.cursor, filterFingerprint(filters));
    if (typeof state.o !== 'number' || !Number.isInteger(state.o) || state.o < 0) {
      throw PonteError.validation([{ field: 'cursor', message: 'is not a cursor issued by this API' }]);
    }
    offset = state.o;
  }
  return { offset, limit: args.limit ?? DEFAULT_LIMIT };
}

/** A page of `total` records of which the platform's reply kept only the page's (`records`). */
export function pageOfWindow<R, T>(records: R[], total: number, window: PageWindow, map: (record: R) => T, filters: object): Page<T> {
  const next = window.offset + window.limit;
  const hasNextPage = next < total;
  return {
    data: records.map(map),
    pageInfo: {
      // Fingerprinting only when a cursor is issued keeps single-page reads cheap.
      nextCursor: hasNextPage ? encodeCursor({ o: next }, filterFingerprint(filters)) : null,
      hasNextPage,
      totalCount: total,
    },
  };
}

/** Pages a list the platform returned whole (Maxbot returns every match at once). */
export function pageFromArray<T>(all: T[], limit: number, cursor: string | undefined, filters: object): Page<T> {
  return pageOfRecords(all, (r) => r, { limit, cursor }, filters);
}
