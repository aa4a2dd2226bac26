import { ObjectType } from '@nestjs/graphql';
import { Out } from '../validation/fields';

@ObjectType({ description: 'Where a page sits in a list; pass `nextCursor` back as `cursor` for the next page.' })
export class PageInfo {
  @Out.string({ description: 'Cursor of the next page; null on the last page.', nullable: true, example: 'eyJvIjo1MCwiZiI6Ik' })
  nextCursor: string | null;

  @Out.boolean({ description: 'Whether another page follows.', example: false })
  hasNextPage: boolean;

  @Out.int({ description: 'Total matching items, when the platform tells; otherwise null.', nullable: true, example: 3 })
  totalCount: number | null;
}
