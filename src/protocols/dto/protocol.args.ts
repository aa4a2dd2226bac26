import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { ListArgs } from '../../common/models/list.args';
import { In } from '../../common/validation/fields';
import { MessageDirection, ProtocolMessageType, ProtocolSituation } from '../models/protocol.enums';
import '../models/protocol.graphql-enums';

const filter = { optional: true } as const;

/**
 * Concluded protocols of a period (Maxbot get_prot lists only concluded ones). The period is by
 * conclusion day or by opening day, one at a time; at least one bound is required.
 */
@ArgsType()
export class ListProtocolsArgs extends ListArgs {
  @In.date({
    description: 'Concluded on or after this day (YYYY-MM-DD). Cannot be combined with createdFrom/createdTo.',
    example: '2020-08-31',
    ...filter,
  })
  concludedFrom?: string;

  @In.date({ description: 'Concluded on or before this day (inclusive).', example: '2020-08-31', ...filter })
  concludedTo?: string;

  @In.date({ description: 'Opened on or after this day. Cannot be combined with concludedFrom/concludedTo.', ...filter })
  createdFrom?: string;

  @In.date({ description: 'Opened on or before this day (inclusive).', ...filter })
  createdTo?: string;

  @In.numericId({ description: 'Only protocols of this service sector (see GET /v1/service-sectors).', example: '1', ...filter })
  serviceSectorId?: string;

  @In.numericId({ description: 'Only protocols served by this attendant (see GET /v1/attendants).', example: '1', ...filter })
  attendantId?: string;

  @In.numericId({ description: 'Only protocols of this contact.', example: '1', ...filter })
  contactId?: string;

  @In.enum(ProtocolSituation, 'ProtocolSituation', { description: 'Only protocols in this situation.', ...filter })
  situation?: ProtocolSituation;

  @In.cpf({
    description: 'Only protocols of the contact with this CPF (punctuation optional, check digits verified).',
    example: '873.487.695-27',
    ...filter,
  })
  cpf?: string;

  @In.cnpj({ description: 'Only protocols of the contact with this CNPJ.', example: '64.420.582/0001-48', ...filter })
  cnpj?: string;

  @In.string({ description: 'Only protocols of contacts of this company.', maxLength: 150, example: 'Ther Sistemas Ltda', ...filter })
  companyName?: string;

  @In.numericId({
    description: 'Only protocols of contacts in this contact segmentation (id, see GET /v1/segmentations).',
    example: '1452',
    ...filter,
  })
  contactSegmentationId?: string;

  @In.numericId({ description: 'Only protocols in this protocol segmentation (id).', example: '60', ...filter })
  protocolSegmentationId?: string;
}

@ArgsType()
export class ListProtocolAnnotationsArgs extends ListArgs {}

/** GraphQL `protocolAnnotations`: the same list arguments plus the protocol REST takes from the path. */
@ArgsType()
export class ProtocolAnnotationsArgs extends ListProtocolAnnotationsArgs {
  @In.string({
    description: 'Protocol whose annotations to list.',
    minLength: 1,
    maxLength: 128,
    pattern: /^[\x21-\x7e]+$/,
    patternMessage: 'must be a non-empty id of visible characters',
    example: '123',
  })
  protocolId: string;
}

@ArgsType()
export class ListServiceSectorsArgs extends ListArgs {}

@ArgsType()
export class ListAttendantsArgs extends ListArgs {}

const enumList = (values: Record<string, string>, gqlType: object, description: string) =>
  applyDecorators(
    Field(() => [gqlType], { nullable: true, description }),
    ApiProperty({ description, enum: values, isArray: true, required: false }),
    IsOptional(),
    IsArray({ message: 'must be a list' }),
    IsIn(Object.values(values), { each: true, message: `items must be one of ${Object.values(values).join(', ')}` }),
  );

/** Arguments of the GraphQL `Protocol.dialog` field: which messages to return. */
@ArgsType()
export class DialogArgs {
  @enumList(ProtocolMessageType, ProtocolMessageType, 'Only messages of these types (default: all).')
  types?: ProtocolMessageType[];

  @In.enum(MessageDirection, 'MessageDirection', { description: 'Only messages in this direction (default: both).', ...filter })
  direction?: MessageDirection;

  @In.boolean({ description: 'Include internal messages between attendants (default true).', ...filter })
  includeInternal?: boolean;
}
