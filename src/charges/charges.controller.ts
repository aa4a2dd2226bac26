import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CallContext } from '../common/context/call-context';
import { Call } from '../common/context/call.decorator';
import { LOCATION_CONNECTION_QUERY, setLocation } from '../common/http/location';
import { PonteOperation } from '../common/openapi/operation.decorator';
import { IdPipe } from '../common/validation/id.pipe';
import { ChargesService } from './charges.service';
import { ListChargesArgs } from './dto/charge.args';
import {
  ChargeCancellationInput,
  ChargeInvoiceInput,
  ChargePaymentInput,
  CreateChargeInput,
  DeleteChargesInput,
  UpdateChargeInput,
} from './dto/charge.input';
import { Charge, ChargePage, ChargeUpdateResult, CreatedCharge, DeleteChargesResult } from './models/charge.model';

@ApiTags('charges')
@ApiBearerAuth()
@Controller('v1')
export class ChargesController {
  constructor(@Inject(ChargesService) private readonly charges: ChargesService) {}

  @Get('charges')
  @PonteOperation('listCharges', {
    summary: 'List charges',
    description:
      'Filters combine (AND); one period at a time (created*, due* or paid*). Maxbot returns every match at once; ' +
      'Ponte pages it with `limit` and `cursor`.',
  })
  @ApiOkResponse({ type: ChargePage })
  listCharges(@Call() ctx: CallContext, @Query() args: ListChargesArgs) {
    return this.charges.list(ctx, args);
  }

  @Get('charges/:id')
  @PonteOperation('getCharge', { summary: 'Get a charge', description: 'With its client, payment, cancellation, invoice and timeline.' })
  @ApiOkResponse({ type: Charge })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
  getCharge(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string) {
    return this.charges.get(ctx, id);
  }

  @Post('charges')
  @PonteOperation('createCharge', {
    summary: 'Create a charge',
    description:
      '`201` with the charge as sent plus its new id and creation time, and its URL in the `Location` header, the connection ' +
      'named (`?connection=`); the platform plans the notifications, so `origin` is null and `timeline` empty until the charge is read back.',
    write: true,
  })
  @ApiCreatedResponse({
    type: CreatedCharge,
    headers: { Location: { description: 'The new charge, on its connection.', schema: { type: 'string' } } },
  })
  async createCharge(@Call() ctx: CallContext, @Body() input: CreateChargeInput, @Res({ passthrough: true }) reply: FastifyReply) {
    const created = await this.charges.create(ctx, input);
    setLocation(reply, `/v1/charges/${encodeURIComponent(created.id)}`);
    return created;
  }

  @Patch('charges/:id')
  @PonteOperation('updateCharge', {
    summary: 'Update a charge',
    description: 'Only the fields present are sent; `null` clears a field (not `dueDate`, `amount` or the nested objects).',
    write: true,
  })
  @ApiOkResponse({ type: ChargeUpdateResult })
  @ApiQuery(LOCATION_CONNECTION_QUERY)
  updateCharge(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: UpdateChargeInput) {
    return this.charges.update(ctx, id, input);
  }

  @Post('charges/:id/payment')
  @HttpCode(200)
  @PonteOperation('registerChargePayment', {
    summary: 'Register the payment of a charge',
    description: 'Marks the charge PAID with the payment date and amount. The platform refuses paying a cancelled charge (422).',
    write: true,
  })
  @ApiOkResponse({ type: ChargeUpdateResult })
  registerChargePayment(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: ChargePaymentInput) {
    return this.charges.registerPayment(ctx, id, input);
  }

  @Post('charges/:id/cancellation')
  @HttpCode(200)
  @PonteOperation('cancelCharge', {
    summary: 'Cancel a charge',
    description: 'Marks the charge CANCELLED with the date and reason. The platform refuses cancelling a paid charge (422).',
    write: true,
  })
  @ApiOkResponse({ type: ChargeUpdateResult })
  cancelCharge(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: ChargeCancellationInput) {
    return this.charges.cancel(ctx, id, input);
  }

  @Put('charges/:id/invoice')
  @PonteOperation('attachChargeInvoice', {
    summary: 'Attach the fiscal invoice of a charge',
    description: 'Replaces the invoice links (PDF, and XML when given).',
    write: true,
  })
  @ApiOkResponse({ type: ChargeUpdateResult })
  attachChargeInvoice(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string, @Body() input: ChargeInvoiceInput) {
    return this.charges.attachInvoice(ctx, id, input);
  }

  @Delete('charges/:id')
  @HttpCode(204)
  @PonteOperation('deleteCharges', { summary: 'Delete a charge', write: true })
  @ApiNoContentResponse({ description: 'Deleted.' })
  async deleteCharge(@Call() ctx: CallContext, @Param('id', new IdPipe()) id: string): Promise<void> {
    await this.charges.delete(ctx, [id]);
  }

  @Post('charges::batchDelete')
  @HttpCode(200)
  @PonteOperation('deleteCharges', {
    summary: 'Delete several charges',
    description: 'One platform call for the whole list: all are deleted, or none is and the problem says why.',
    write: true,
  })
  @ApiOkResponse({ type: DeleteChargesResult })
  deleteCharges(@Call() ctx: CallContext, @Body() input: DeleteChargesInput) {
    return this.charges.delete(ctx, input.ids);
  }
}
