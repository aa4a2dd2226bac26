import { registerEnumType } from '@nestjs/graphql';
import { MessageState, MessageType, TemplateType } from './messaging.enums';

registerEnumType(MessageType, {
  name: 'MessageType',
  description: 'What a message carries: text, image, file (document) or audio. REST uses the lower-case values ("text").',
});
registerEnumType(MessageState, {
  name: 'MessageState',
  description:
    'Where a message stands: ACCEPTED (the platform took it, nothing more known), SCHEDULED, SENT, FAILED, or UNKNOWN (see platformStatus).',
});
registerEnumType(TemplateType, {
  name: 'TemplateType',
  description:
    'Maxbot template type (our reading of undocumented codes): MESSAGE (`C`), FOLLOW_UP (`F`, used by follow-up protocols), NOTICE (`A`, "aviso", sent with sendTemplate).',
});
