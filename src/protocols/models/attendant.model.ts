import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../common/models/page.model';
import { Out } from '../../common/validation/fields';

@ObjectType({ description: 'An attendant (agent) who serves protocols.' })
export class Attendant {
  @Out.id({ description: 'Attendant id.', example: '1' })
  id: string;

  @Out.string({ description: 'Name.', example: 'Pedro Silva' })
  name: string;

  @Out.stringList({ description: 'Service sectors the attendant works in (see GET /v1/service-sectors).', example: ['1', '3'] })
  serviceSectorIds: string[];

  @Out.string({ description: 'Collaborator (user) id of the attendant on the platform.', nullable: true, example: '1' })
  collaboratorId: string | null;

  @Out.boolean({
    description:
      'Whether the attendant is available (Maxbot `status` 1/0, read as availability, which sectors may require to serve contacts).',
    nullable: true,
    example: true,
  })
  available: boolean | null;
}

@ObjectType({ description: 'A page of attendants.' })
export class AttendantPage extends PageOf(Attendant) {}
