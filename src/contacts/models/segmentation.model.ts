import { ObjectType } from '@nestjs/graphql';
import { Out } from '../../common/validation/fields';
import { PageOf } from '../../common/models/page.model';
import { SegmentationType } from './contact.enums';
import './contact.graphql-enums';

@ObjectType({ description: 'A segmentation: a label grouping contacts or protocols.' })
export class Segmentation {
  @Out.id({ description: 'Segmentation id.', example: '1452' })
  id: string;

  @Out.string({ description: 'Title.', example: 'Negociação' })
  title: string;

  @Out.enum(SegmentationType, 'SegmentationType', { description: 'What it labels.', nullable: true, example: SegmentationType.CONTACT })
  type: SegmentationType | null;
}

@ObjectType({ description: 'A page of segmentations.' })
export class SegmentationPage extends PageOf(Segmentation) {}
