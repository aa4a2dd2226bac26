import { ObjectType } from '@nestjs/graphql';
import { Out } from '../../common/validation/fields';
import { MessageState } from './messaging.enums';
import './messaging.graphql-enums';

@ObjectType({
  description:
    'What the platform said when it took a message (any kind: chat message, template, SMS, e-mail). ' +
    'Delivery is not confirmed by it; where the platform gives a message id, GET /v1/messages/{id} follows it.',
})
export class MessageReceipt {
  @Out.id({
    description:
      "The platform's message id when it gives one (Maxbot SMS `SMS-123`, e-mail `EMAIL-123`, ChatGuru message_id; CloudChat: the id of the conversation it opened); null otherwise.",
    nullable: true,
    example: 'SMS-123',
  })
  id: string | null;

  @Out.enum(MessageState, 'MessageState', { description: 'Where the message stands.', example: MessageState.ACCEPTED })
  status: MessageState;

  @Out.dateTime({
    description: 'When the platform will send it (status SCHEDULED), with the connection UTC offset; null for immediate sends.',
    nullable: true,
    example: null,
  })
  scheduledAt: string | null;

  @Out.string({ description: 'Connection that sent it.', example: 'maxbot' })
  connection: string;

  @Out.string({ description: 'Platform of that connection.', example: 'maxbot' })
  platform: string;
}

@ObjectType({ description: 'Status of a sent message, as the platform reports it (ChatGuru message_status).' })
export class MessageStatus {
  @Out.id({ description: "The platform's message id.", example: '5dd69cde00078e1be17fffd4' })
  id: string;

  @Out.enum(MessageState, 'MessageState', { description: 'Where the message stands.', example: MessageState.SENT })
  status: MessageState;

  @Out.string({ description: "The platform's own status word (e.g. ChatGuru `sent`, `scheduled`).", nullable: true, example: 'sent' })
  platformStatus: string | null;
}

@ObjectType({ description: 'A chatbot dialog started for a chat (ChatGuru dialog_execute).' })
export class DialogExecution {
  @Out.id({ description: 'Id of the dialog that was started.', example: '5f3e2a1b9c8d7e6f5a4b3c2d' })
  dialogId: string;

  @Out.string({ description: "The platform's message about the execution.", nullable: true, example: 'Diálogo executado' })
  description: string | null;
}
