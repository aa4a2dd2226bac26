import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Root fields one operation may have: each asks a platform (a mutation's writes once per field). */
export const MAX_ROOT_FIELDS = 20;
/** Fields one document may hold: a bound on the work a single request asks for. */
export const MAX_FIELDS = 2_000;

/**
 * Validation rule (run once per query text; Apollo and the fast path reuse the verdict): an
 * operation with more than `MAX_ROOT_FIELDS` root fields (fragments at the root counted through),
 * or a document with more than `MAX_FIELDS` fields, is refused before anything runs. Without it one
 * 1 MB query of 26,000 aliases made 26,000 platform calls, and aliased mutations got around every
 * REST batch cap (500 ids a delete).
 */
export function operationLimits(context: ValidationContext): ASTVisitor {
  let fields = 0;
  const rootFields = (set: SelectionSetNode, seen = new Set<string>()): number => {
    let count = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') count++;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += rootFields(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = context.getFragment(selection.name.value);
        if (fragment) count += rootFields(fragment.selectionSet, seen);
      }
    }
    return count;
  };
  return {
    Field() {
      fields++;
      if (fields === MAX_FIELDS + 1) {
        context.reportError(new GraphQLError(`The document has more than ${MAX_FIELDS} fields; split it into several requests`));
      }
    },
    OperationDefinition(node) {
      const count = rootFields(node.selectionSet);
      if (count > MAX_ROOT_FIELDS) {
        const name = node.name ? `Operation "${node.name.value}"` : 'The operation';
        context.reportError(
          new GraphQLError(`${name} has ${count} root fields, more than ${MAX_ROOT_FIELDS}; split it into several requests`, {
            nodes: node,
          }),
        );
      }
    },
  };
}
