import { registerEnumType } from '@nestjs/graphql';
import { ChargeMessageStatus, ChargeMessageTrack, ChargeOrigin, ChargeStatus } from './charge.enums';

registerEnumType(ChargeOrigin, {
  name: 'ChargeOrigin',
  description: 'Where the charge came from: typed in the Maxbot panel (`Manual`, `M`) or sent through the API (`API`).',
});
registerEnumType(ChargeStatus, {
  name: 'ChargeStatus',
  description: 'Payment status (Maxbot `ind_pg`): OPEN (`0`), PAID (`1`), CANCELLED (`2`).',
});
registerEnumType(ChargeMessageTrack, {
  name: 'ChargeMessageTrack',
  description:
    'Notification track of a charge: FIRST_CHARGE (`msg_charge_1`), SECOND_CHARGE (`msg_charge_2`), FIRST_ALERT (`msg_alert_1`), ' +
    'SECOND_ALERT (`msg_alert_2`), PAYMENT_CONFIRMATION (`msg_pg`), CANCELLATION_NOTICE (`msg_cnc`), INVOICE_DELIVERY (`msg_nf`).',
});
registerEnumType(ChargeMessageStatus, {
  name: 'ChargeMessageStatus',
  description:
    'Status of a notification, read from the codes in the Maxbot examples (undocumented): SCHEDULED (`1`, a future date), ' +
    'WAITING (`2`, "Waiting": no date yet, waits for its event such as the payment), SENT (`3`, sent on its date), ' +
    'LATE (`5`, "Late Date": its date had already passed, read as not sent). Any other code is UNKNOWN; `statusCode` keeps the raw code.',
});
