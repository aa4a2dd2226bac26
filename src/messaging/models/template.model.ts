import { ObjectType } from '@nestjs/graphql';
import { Out } from '../../common/validation/fields';
import { PageOf } from '../../common/models/page.model';
import { TemplateType } from './messaging.enums';
import './messaging.graphql-enums';

@ObjectType({ description: 'A message template configured on the platform account (Maxbot get_template).' })
export class MessageTemplate {
  @Out.id({ description: 'Template id (use it as templateId in POST /v1/messages/template).', example: '3' })
  id: string;

  @Out.enum(TemplateType, 'TemplateType', {
    description: 'Kind of template (Maxbot `C`/`F`/`A`, our reading); null for a code Ponte does not know.',
    nullable: true,
    example: TemplateType.NOTICE,
  })
  type: TemplateType | null;

  @Out.id({ description: 'Category id (see GET /v1/template-categories).', nullable: true, example: '0' })
  categoryId: string | null;

  @Out.string({ description: 'Category title.', nullable: true, example: 'Geral' })
  categoryTitle: string | null;

  @Out.string({ description: 'Title.', nullable: true, example: 'Aviso de Postado nos Correios' })
  title: string | null;

  @Out.string({
    description: 'Text of the message, with the platform placeholders as written (e.g. `[NOME]`).',
    nullable: true,
    example: 'Olá, [NOME], tudo bem?',
  })
  text: string | null;

  @Out.stringList({
    description: 'Image URLs, in slot order, empty slots left out (Maxbot img1..img6).',
    example: ['https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd35291043c5.png'],
  })
  imageUrls: string[];

  @Out.stringList({
    description: 'File URLs, in slot order, empty slots left out (Maxbot arq1..arq3).',
    example: ['https://app.maxbot.com.br/anexos_docs/534404093e4ff33534bffd3529145665.pdf'],
  })
  fileUrls: string[];

  @Out.string({ description: 'WhatsApp Business (WABA) template category.', nullable: true, example: null })
  whatsappCategory: string | null;

  @Out.string({ description: 'WhatsApp Business template language.', nullable: true, example: null })
  whatsappLanguage: string | null;

  @Out.string({ description: 'WhatsApp Business template approval status.', nullable: true, example: null })
  whatsappStatus: string | null;

  @Out.boolean({
    description:
      'Maxbot `for_use`: whether the template can be used for sending (our reading; the docs mark the follow-up and notice examples 1, the message example 0).',
    nullable: true,
    example: true,
  })
  usable: boolean | null;
}

@ObjectType({ description: 'A page of message templates.' })
export class MessageTemplatePage extends PageOf(MessageTemplate) {}

@ObjectType({ description: 'A template category.' })
export class TemplateCategory {
  @Out.id({ description: 'Category id ("0" is Maxbot\'s general category).', example: '0' })
  id: string;

  @Out.string({ description: 'Title.', example: 'Geral' })
  title: string;
}

@ObjectType({ description: 'A page of template categories.' })
export class TemplateCategoryPage extends PageOf(TemplateCategory) {}
