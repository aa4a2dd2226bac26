import { ArgsType } from '@nestjs/graphql';
import { In } from '../validation/fields';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../pagination/page';

/**
 * Base of every argument set: the connection to use. In GraphQL it is the `connection` argument,
 * which wins over the X-Connection header (the header is the request's default, an argument is
 * per field); in REST the query parameter and the header are the same thing, so both given and
 * different is a 400 (see call.decorator.ts).
 */
@ArgsType()
export class ConnectionArgs {
  @In.string({
    description:
      'Connection id to use. REST: the same as the X-Connection header (both given must agree). GraphQL: wins over the header, which is the default for fields that give none.',
    optional: true,
    maxLength: 64,
    example: 'maxbot',
  })
  connection?: string;
}

/** `limit` + `cursor`, shared by every list (REST query string and GraphQL arguments). */
@ArgsType()
export class ListArgs extends ConnectionArgs {
  @In.int({
    description: `Page size, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`,
    optional: true,
    min: 1,
    max: MAX_LIMIT,
    example: 50,
  })
  limit?: number;

  @In.string({
    description: "Opaque cursor from the previous page's `pageInfo.nextCursor`; valid only with the same filters.",
    optional: true,
    maxLength: 512,
  })
  cursor?: string;
}
