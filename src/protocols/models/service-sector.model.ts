import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../common/models/page.model';
import { Out } from '../../common/validation/fields';
import { SectorAnswerMode } from './protocol.enums';
import './protocol.graphql-enums';

@ObjectType({ description: 'A working shift, local times of the account.' })
export class SectorShift {
  @Out.string({ description: 'Start, HH:MM.', example: '08:00' })
  start: string;

  @Out.string({ description: 'End, HH:MM.', example: '12:00' })
  end: string;
}

@ObjectType({ description: "A sector's service on one weekday." })
export class SectorDay {
  @Out.enum(SectorAnswerMode, 'SectorAnswerMode', {
    description: 'How the sector answers that day; null for an unknown code. Shifts apply when it is SHIFTS.',
    nullable: true,
    example: SectorAnswerMode.SHIFTS,
  })
  answerMode: SectorAnswerMode | null;

  @Out.list(() => SectorShift, {
    description: 'Configured shifts (up to two), as the platform keeps them whatever the answer mode.',
    example: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
  })
  shifts: SectorShift[];
}

@ObjectType({ description: 'Weekly schedule: one entry per weekday.' })
export class SectorSchedule {
  @Out.object(() => SectorDay, { description: 'Monday.' })
  monday: SectorDay;

  @Out.object(() => SectorDay, { description: 'Tuesday.' })
  tuesday: SectorDay;

  @Out.object(() => SectorDay, { description: 'Wednesday.' })
  wednesday: SectorDay;

  @Out.object(() => SectorDay, { description: 'Thursday.' })
  thursday: SectorDay;

  @Out.object(() => SectorDay, { description: 'Friday.' })
  friday: SectorDay;

  @Out.object(() => SectorDay, { description: 'Saturday.' })
  saturday: SectorDay;

  @Out.object(() => SectorDay, { description: 'Sunday.' })
  sunday: SectorDay;
}

@ObjectType({ description: 'Person responsible for a service sector.' })
export class SectorResponsible {
  @Out.string({ description: 'Name.', nullable: true, example: 'Rodrigo Gomide' })
  name: string | null;

  @Out.string({ description: 'E-mail address.', nullable: true, example: 'rodrigo@email.com' })
  email: string | null;

  @Out.phone({ description: 'WhatsApp number, E.164.', nullable: true, example: '+553111116666' })
  whatsapp: string | null;

  @Out.phone({ description: 'Mobile phone, E.164.', nullable: true, example: '+553111116666' })
  mobilePhone: string | null;

  @Out.string({ description: 'Phone extension.', nullable: true, example: '5454' })
  phoneExtension: string | null;
}

@ObjectType({ description: 'A service sector (department) that protocols are routed to.' })
export class ServiceSector {
  @Out.id({ description: 'Sector id (the platform may repeat one; kept as given).', example: '1' })
  id: string;

  @Out.string({ description: 'Short code.', nullable: true, example: 'CO' })
  code: string | null;

  @Out.string({ description: 'Name.', example: 'Comercial' })
  name: string;

  @Out.object(() => SectorResponsible, { description: 'Who is responsible for it.' })
  responsible: SectorResponsible;

  @Out.object(() => SectorSchedule, { description: 'Weekly schedule.' })
  schedule: SectorSchedule;

  @Out.boolean({ description: 'Whether contacts are served even when no attendant is available.', nullable: true, example: false })
  allowServiceWithUnavailableAttendants: boolean | null;
}

@ObjectType({ description: 'A page of service sectors.' })
export class ServiceSectorPage extends PageOf(ServiceSector) {}
