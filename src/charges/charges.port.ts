import type { CallContext } from '../common/context/call-context';
import type { Page } from '../common/pagination/page';
import type { ListChargesArgs } from './dto/charge.args';
import type {
  ChargeCancellationInput,
  ChargeInvoiceInput,
  ChargePaymentInput,
  CreateChargeInput,
  UpdateChargeInput,
} from './dto/charge.input';
import type { Charge, ChargeUpdateResult, CreatedCharge, DeleteChargesResult } from './models/charge.model';

/**
 * What a platform can do with charges (smart billing). Every method is optional: an adapter
 * implements the ones its platform supports, and the registry derives capabilities from them.
 */
export interface ChargesPort {
  listCharges?(ctx: CallContext, args: ListChargesArgs): Promise<Page<Charge>>;
  getCharge?(ctx: CallContext, id: string): Promise<Charge>;
  createCharge?(ctx: CallContext, input: CreateChargeInput): Promise<CreatedCharge>;
  updateCharge?(ctx: CallContext, id: string, input: UpdateChargeInput): Promise<ChargeUpdateResult>;
  registerChargePayment?(ctx: CallContext, id: string, input: ChargePaymentInput): Promise<ChargeUpdateResult>;
  cancelCharge?(ctx: CallContext, id: string, input: ChargeCancellationInput): Promise<ChargeUpdateResult>;
  attachChargeInvoice?(ctx: CallContext, id: string, input: ChargeInvoiceInput): Promise<ChargeUpdateResult>;
  deleteCharges?(ctx: CallContext, ids: string[]): Promise<DeleteChargesResult>;
}

export const CHARGES_OPERATIONS = [
  'listCharges',
  'getCharge',
  'createCharge',
  'updateCharge',
  'registerChargePayment',
  'cancelCharge',
  'attachChargeInvoice',
  'deleteCharges',
] as const satisfies readonly (keyof ChargesPort)[];
