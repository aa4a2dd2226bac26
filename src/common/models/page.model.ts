import type { Type } from '@nestjs/common';
import { ObjectType } from '@nestjs/graphql';
import { Out } from '../validation/fields';
import { PageInfo } from './page-info.model';

/**
 * Base class of every `{ data, pageInfo }` page type:
 * `@ObjectType({ description }) class ContactPage extends PageOf(Contact) {}`.
 */
export function PageOf<T>(item: Type<T>) {
  @ObjectType({ isAbstract: true })
  abstract class Page {
    @Out.list(() => item, { description: 'Items on this page.' })
    data: T[];

    @Out.object(() => PageInfo, { description: 'Pagination.' })
    pageInfo: PageInfo;
  }
  return Page;
}
