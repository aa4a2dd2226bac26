import { registerEnumType } from '@nestjs/graphql';
import { Gender, PersonType, RegistrationStatus, SegmentationType } from './contact.enums';

registerEnumType(Gender, { name: 'Gender', description: 'Maxbot `M` / `F`.' });
registerEnumType(PersonType, {
  name: 'PersonType',
  description: 'Brazilian person type: `INDIVIDUAL` (pessoa física, Maxbot `F`) or `COMPANY` (pessoa jurídica, `J`).',
});
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'State of an asynchronous contact creation (ChatGuru chat_add): PENDING, DONE or FAILED.',
});
registerEnumType(SegmentationType, {
  name: 'SegmentationType',
  description: 'What a segmentation labels: contacts (Maxbot type `0`) or protocols (type `1`).',
});
