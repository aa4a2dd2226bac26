import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';

@InputType({ description: 'A sender or recipient of an e-mail.' })
export class EmailAddressInput {
  @In.email({ description: 'E-mail address.', example: 'jose@email.com' })
  email: string;

  @In.string({ description: 'Display name.', optional: true, minLength: 1, maxLength: 150, example: 'Jose' })
  name?: string;
}

@InputType({ description: 'An image or file of an e-mail, given by URL.' })
export class EmailAttachmentInput {
  @In.url({ description: 'Where it can be fetched (http or https).', example: 'https://www.meusite.com.br/arquivo.pdf' })
  url: string;

  @In.string({
    description:
      'File extension; by default read from the URL path. Maxbot accepts jpg, jpeg, png for images and pdf, doc, docx, xls, xlsx, ppt, pptx, pps for files.',
    optional: true,
    minLength: 1,
    maxLength: 11,
    pattern: /^\.?[A-Za-z0-9]{1,10}$/,
    patternMessage: 'must be a file extension such as png or pdf',
    example: 'pdf',
  })
  extension?: string;
}

@InputType({ description: 'An e-mail to one recipient, with up to 6 images and 3 files.' })
export class SendEmailInput {
  @In.object(() => EmailAddressInput, { description: 'Sender.' })
  from: EmailAddressInput;

  @In.object(() => EmailAddressInput, { description: 'Recipient (Maxbot: a contact of the account with this e-mail).' })
  to: EmailAddressInput;

  @In.string({
    description: 'Subject.',
    minLength: 1,
    maxLength: 255,
    pattern: /\S/,
    patternMessage: 'must not be blank',
    example: 'Seu pedido',
  })
  subject: string;

  @In.string({
    description: 'Body, as the platform takes it.',
    minLength: 1,
    maxLength: 100_000,
    pattern: /\S/,
    patternMessage: 'must not be blank',
    example: 'Texto da mensagem do e-mail',
  })
  body: string;

  @In.string({ description: 'Footer.', optional: true, maxLength: 10_000, example: 'Equipe Maxbot' })
  footer?: string;

  @In.list(() => EmailAttachmentInput, {
    description: 'Images, at most 6 (Maxbot img_url_1..6).',
    optional: true,
    maxItems: 6,
    example: [{ url: 'https://www.meusite.com.br/foto.png' }],
  })
  images?: EmailAttachmentInput[];

  @In.list(() => EmailAttachmentInput, {
    description: 'Files, at most 3 (Maxbot file_url_1..3).',
    optional: true,
    maxItems: 3,
    example: [{ url: 'https://www.meusite.com.br/arquivo.pdf' }],
  })
  files?: EmailAttachmentInput[];
}
