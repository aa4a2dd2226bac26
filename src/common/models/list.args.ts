import { ArgsType } from '@nestjs/graphql';
import { In } from '../validation/fields';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../pagination/page';

/**
 * Base of every argument set: the connection to use. In GraphQL it is the `connection` argument;
 * in REST the `X-Connection` header does the same (and wins when both are given).
 */
@ArgsType()
export class ConnectionArgs {
  @In.string({
    description: 'Connection id to use (GraphQL argument; REST may send the X-Connection header instead).',
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
