import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallContext } from '../common/context/call-context';
import { Call, ConnectionArg } from '../common/context/call.decorator';
import { withPlatforms } from '../common/openapi/operation.decorator';
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

@Resolver(() => Charge)
export class ChargesResolver {
  constructor(@Inject(ChargesService) private readonly charges: ChargesService) {}

  @Query(() => ChargePage, {
    name: 'charges',
    description: withPlatforms('listCharges', 'Charges matching the filters (one period at a time), paged.'),
  })
  listCharges(@Call() ctx: CallContext, @Args() args: ListChargesArgs) {
    return this.charges.list(ctx, args);
  }

  @Query(() => Charge, { name: 'charge', description: withPlatforms('getCharge', 'One charge by id, with its timeline.') })
  getCharge(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('id', new IdPipe()) id: string) {
    return this.charges.get(ctx, id);
  }

  @Mutation(() => CreatedCharge, {
    description: withPlatforms('createCharge', 'Create a charge: answers it as sent plus its id and creation time.'),
  })
  createCharge(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: CreateChargeInput) {
    return this.charges.create(ctx, input);
  }

  @Mutation(() => ChargeUpdateResult, { description: withPlatforms('updateCharge', 'Update the fields given; null clears one.') })
  updateCharge(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('id', new IdPipe()) id: string,
    @Args('input') input: UpdateChargeInput,
  ) {
    return this.charges.update(ctx, id, input);
  }

  @Mutation(() => ChargeUpdateResult, {
    description: withPlatforms('registerChargePayment', 'Register the payment of a charge (it becomes PAID).'),
  })
  registerChargePayment(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('id', new IdPipe()) id: string,
    @Args('input') input: ChargePaymentInput,
  ) {
    return this.charges.registerPayment(ctx, id, input);
  }

  @Mutation(() => ChargeUpdateResult, { description: withPlatforms('cancelCharge', 'Cancel a charge (it becomes CANCELLED).') })
  cancelCharge(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('id', new IdPipe()) id: string,
    @Args('input') input: ChargeCancellationInput,
  ) {
    return this.charges.cancel(ctx, id, input);
  }

  @Mutation(() => ChargeUpdateResult, {
    description: withPlatforms('attachChargeInvoice', 'Attach (replace) the fiscal invoice links of a charge.'),
  })
  attachChargeInvoice(
    @Call() ctx: CallContext,
    @ConnectionArg() _connection: string | undefined,
    @Args('id', new IdPipe()) id: string,
    @Args('input') input: ChargeInvoiceInput,
  ) {
    return this.charges.attachInvoice(ctx, id, input);
  }

  @Mutation(() => DeleteChargesResult, { description: withPlatforms('deleteCharges', 'Delete charges by id.') })
  deleteCharges(@Call() ctx: CallContext, @ConnectionArg() _connection: string | undefined, @Args('input') input: DeleteChargesInput) {
    return this.charges.delete(ctx, input.ids);
  }
}
