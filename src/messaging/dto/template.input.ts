import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';
import { CHANNEL_TOKEN_DOC } from './message.input';
import { RecipientInput } from './recipient.input';

@InputType({ description: 'A named value for a template placeholder.' })
export class TemplateVariableInput {
  @In.string({
    description: 'Placeholder name as configured in the template (CloudChat: a key at the root of its request).',
    minLength: 1,
    maxLength: 100,
    pattern: /^[^\s]+$/,
    patternMessage: 'must not contain spaces',
    example: 'name',
  })
  name: string;

  @In.string({ description: 'Value.', maxLength: 1000, example: 'John Doe' })
  value: string;
}

@InputType({
  description:
    'A template message (WhatsApp notice, authentication code, proactive conversation). The template is named by id (Maxbot) or by name (CloudChat): exactly one of templateId, templateName. ' +
    'Fields a platform cannot carry are refused with 422 unsupported_field.',
})
export class SendTemplateInput {
  @In.object(() => RecipientInput, {
    description: 'Who receives it: exactly one way of reaching them (Maxbot: contactId; CloudChat: whatsapp).',
  })
  to: RecipientInput;

  @In.string(CHANNEL_TOKEN_DOC)
  channelToken?: string;

  @In.string({
    description: 'Template id (Maxbot; see GET /v1/templates).',
    optional: true,
    minLength: 1,
    maxLength: 64,
    example: '3',
  })
  templateId?: string;

  @In.string({
    description: 'Template name (CloudChat template_name).',
    optional: true,
    minLength: 1,
    maxLength: 512,
    pattern: /^\S(?:.*\S)?$/,
    patternMessage: 'must not be blank or start or end with spaces',
    example: 'test_template',
  })
  templateName?: string;

  @In.dateTime({
    description: "Send later, at this instant (ISO 8601 with offset); Maxbot schedules it in the account's wall-clock time.",
    optional: true,
    notPast: true,
    example: '2030-12-02T13:00:00-03:00',
  })
  scheduleAt?: string;

  @In.string({
    description: 'One-time code for an authentication template (Maxbot user_otp_code).',
    optional: true,
    minLength: 1,
    maxLength: 64,
    example: '12345678',
  })
  otpCode?: string;

  @In.list(() => TemplateVariableInput, {
    description: 'Values for the template placeholders, by name (CloudChat: sent at the root of its request).',
    optional: true,
    maxItems: 100,
    example: [{ name: 'name', value: 'John Doe' }],
  })
  variables?: TemplateVariableInput[];

  @In.stringList({
    description: 'Button parameters, in button order (CloudChat button_param_0, button_param_1, ...).',
    optional: true,
    maxItems: 10,
    itemMaxLength: 1000,
    example: ['BUTTON PARAMETER'],
  })
  buttonParams?: string[];

  @In.url({
    description: 'URL of the attachment for a template with a media header (CloudChat header_attachment).',
    optional: true,
    example: 'https://www.meusite.com.br/boleto.pdf',
  })
  headerAttachmentUrl?: string;

  @In.string({
    description: "CloudChat: inbox to send through (default: the connection's inboxId).",
    optional: true,
    minLength: 1,
    maxLength: 64,
    pattern: /^[\x21-\x7e]+$/,
    patternMessage: 'must be an id without spaces',
    example: '7',
  })
  inboxId?: string;
}
