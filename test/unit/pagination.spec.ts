import { PonteError } from '../../src/common/errors/ponte-error';
import { pageFromArray } from '../../src/common/pagination/page';

describe('pageFromArray', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);

  it('walks a whole list in pages and reports the total', () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = pageFromArray(items, 3, cursor, { email: 'a' });
      seen.push(...page.data);
      expect(page.pageInfo.totalCount).toBe(7);
      cursor = page.pageInfo.nextCursor ?? undefined;
      expect(page.pageInfo.hasNextPage).toBe(cursor !== undefined);
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  it('refuses a cursor issued for other filters, and garbage', () => {
    const first = pageFromArray(items, 3, undefined, { email: 'a' });
    expect(() => pageFromArray(items, 3, first.pageInfo.nextCursor!, { email: 'b' })).toThrow(PonteError);
    expect(() => pageFromArray(items, 3, 'not-a-cursor', { email: 'a' })).toThrow(/cursor/);
  });

  it('ignores limit, cursor and connection when binding a cursor to filters', () => {
    const first = pageFromArray(items, 3, undefined, { email: 'a', limit: 3, connection: 'x' });
    expect(pageFromArray(items, 5, first.pageInfo.nextCursor!, { email: 'a', limit: 5 }).data).toEqual([3, 4, 5, 6]);
  });
});
