import type { DialogArgs } from './dto/protocol.args';
import type { ProtocolMessage } from './models/protocol.model';

/** The messages of a dialog the GraphQL `dialog` field arguments ask for (all of them by default). */
export function filterDialog(dialog: readonly ProtocolMessage[], args: DialogArgs): ProtocolMessage[] {
  const types = args.types?.length ? new Set(args.types) : null;
  return dialog.filter(
    (m) =>
      (types === null || types.has(m.type)) &&
      (args.direction === undefined || m.direction === args.direction) &&
      (args.includeInternal !== false || !m.internal),
  );
}
