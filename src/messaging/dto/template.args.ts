import { ArgsType } from '@nestjs/graphql';
import { ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { TemplateType } from '../models/messaging.enums';
import '../models/messaging.graphql-enums';

@ArgsType()
export class ListTemplatesArgs extends ListArgs {
  @In.enum(TemplateType, 'TemplateType', { description: 'Only templates of this kind.', optional: true, example: TemplateType.NOTICE })
  type?: TemplateType;

  @In.numericId({ description: 'Only templates of this category (see GET /v1/template-categories).', optional: true, example: '0' })
  categoryId?: string;
}

@ArgsType()
export class ListTemplateCategoriesArgs extends ListArgs {}
