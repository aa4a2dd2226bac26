import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';
import { RecipientInput } from './recipient.input';

@InputType({ description: 'An SMS to one recipient.' })
export class SendSmsInput {
  @In.object(() => RecipientInput, { description: 'Who receives it: exactly one way of reaching them (Maxbot: phone, externalId or cpf).' })
  to: RecipientInput;

  @In.string({
    description: 'The text, sent as is (long texts are split by the SMS network, not by Ponte).',
    minLength: 1,
    maxLength: 4096,
    pattern: /\S/,
    patternMessage: 'must not be blank',
    example: 'Seu pedido foi enviado.',
  })
  text: string;
}
