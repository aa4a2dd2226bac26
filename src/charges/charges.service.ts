import { Inject, Injectable } from '@nestjs/common';
import type { CallContext } from '../common/context/call-context';
import { PlatformRegistry } from '../platforms/registry';
import type { ListChargesArgs } from './dto/charge.args';
import type {
  ChargeCancellationInput,
  ChargeInvoiceInput,
  ChargePaymentInput,
  CreateChargeInput,
  UpdateChargeInput,
} from './dto/charge.input';

/** Charges use cases: pick the connection able to do the operation, let its adapter do it. */
@Injectable()
export class ChargesService {
  constructor(@Inject(PlatformRegistry) private readonly registry: PlatformRegistry) {}

  list(ctx: CallContext, args: ListChargesArgs) {
    return this.registry.resolve('listCharges', ctx).adapter.listCharges(ctx, args);
  }

  get(ctx: CallContext, id: string) {
    return this.registry.resolve('getCharge', ctx).adapter.getCharge(ctx, id);
  }

  create(ctx: CallContext, input: CreateChargeInput) {
    return this.registry.resolve('createCharge', ctx).adapter.createCharge(ctx, input);
  }

  update(ctx: CallContext, id: string, input: UpdateChargeInput) {
    return this.registry.resolve('updateCharge', ctx).adapter.updateCharge(ctx, id, input);
  }

  registerPayment(ctx: CallContext, id: string, input: ChargePaymentInput) {
    return this.registry.resolve('registerChargePayment', ctx).adapter.registerChargePayment(ctx, id, input);
  }

  cancel(ctx: CallContext, id: string, input: ChargeCancellationInput) {
    return this.registry.resolve('cancelCharge', ctx).adapter.cancelCharge(ctx, id, input);
  }

  attachInvoice(ctx: CallContext, id: string, input: ChargeInvoiceInput) {
    return this.registry.resolve('attachChargeInvoice', ctx).adapter.attachChargeInvoice(ctx, id, input);
  }

  delete(ctx: CallContext, ids: string[]) {
    return this.registry.resolve('deleteCharges', ctx).adapter.deleteCharges(ctx, ids);
  }
}
