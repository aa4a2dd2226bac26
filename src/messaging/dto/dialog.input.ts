import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';
import { RecipientInput } from './recipient.input';

@InputType({ description: 'Start a chatbot dialog for an existing chat.' })
export class ExecuteDialogInput {
  @In.object(() => RecipientInput, { description: 'The chat: exactly one way of reaching it (ChatGuru: whatsapp).' })
  to: RecipientInput;
}
