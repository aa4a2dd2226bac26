import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';
import { SegmentationType } from '../models/contact.enums';
import '../models/contact.graphql-enums';

@InputType({ description: 'A new segmentation.' })
export class CreateSegmentationInput {
  @In.string({
    description: 'Title. Maxbot reads a comma as a separator between titles, so commas are refused.',
    minLength: 1,
    maxLength: 100,
    pattern: /^[^,]+$/,
    patternMessage: 'must not contain commas',
    example: 'Negociação',
  })
  title: string;

  @In.enum(SegmentationType, 'SegmentationType', {
    description: 'What it labels (default CONTACT).',
    optional: true,
    example: SegmentationType.CONTACT,
  })
  type?: SegmentationType;
}
