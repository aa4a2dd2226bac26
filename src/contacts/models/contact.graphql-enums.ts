import { registerEnumType } from '@nestjs/graphql';
import { Gender, PersonType, SegmentationType } from './contact.enums';

registerEnumType(Gender, { name: 'Gender', description: 'Maxbot `M` / `F`.' });
registerEnumType(PersonType, {
  name: 'PersonType',
  description: 'Brazilian person type: `INDIVIDUAL` (pessoa física, Maxbot `F`) or `COMPANY` (pessoa jurídica, `J`).',
});
registerEnumType(SegmentationType, {
  name: 'SegmentationType',
  description: 'What a segmentation labels: contacts (Maxbot type `0`) or protocols (type `1`).',
});
