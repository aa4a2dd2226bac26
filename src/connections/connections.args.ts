import { ArgsType } from '@nestjs/graphql';
import { In } from '../common/validation/fields';
import { ListArgs } from '../common/models/list.args';

@ArgsType()
export class ListConnectionsArgs extends ListArgs {
  @In.boolean({ description: 'Ask each platform for its live status (default true).', optional: true, example: true })
  status?: boolean;
}
