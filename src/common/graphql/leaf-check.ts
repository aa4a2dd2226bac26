import { isDeepStrictEqual } from 'node:util';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInterfaceType,
  isListType,
  isScalarType,
  isObjectType,
  isSpecifiedScalarType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The operation to run (by name, or the only one), its root type and the document's fragments by name. */
function selectedOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined) {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d] as const),
  );
  return { root, operation, fragments };
}

/**
 * Every built-in scalar or enum value in an execution result that GraphQL's own serializer would
 * change or refuse, as `path: why` lines (empty when the result is as serialized). Walks the
 * operation's selections (aliases, fragments, lists) alongside the result. Used to hold
 * jit-executor.plugin.ts's unserialized leaves to what serialization would have produced.
 */
export function leafSerializationMismatches(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  data: Record<string, unknown>,
): string[] {
  const selected = selectedOperation(schema, document, operationName);
  if (!selected) return [];
  const { root, operation, fragments } = selected;
  const found: string[] = [];

  const walkObject = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, value: Record<string, unknown>, path: string) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const key = selection.alias?.value ?? name;
        if (name.startsWith('__') || !(key in value)) continue;
        const runtime = isAbstractType(type) && typeof value.__typename === 'string' ? schema.getType(value.__typename) : undefined;
        const holder = runtime && isObjectType(runtime) ? runtime : type;
        const field = isObjectType(holder) || isInterfaceType(holder) ? holder.getFields()[name] : undefined;
        if (field) walkValue(field.type, selection.selectionSet, value[key], `${path}.${key}`);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (condition && (isObjectType(condition) || isAbstractType(condition))) walkObject(condition, fragment.selectionSet, value, path);
      }
    }
  };

  const walkValue = (type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, value: unknown, path: string) => {
    if (value === null || value === undefined) return;
    const nullable: GraphQLOutputType = getNullableType(type);
    if (isListType(nullable)) {
      if (Array.isArray(value))
        value.forEach((item, i) => walkValue(nullable.ofType as GraphQLOutputType, selectionSet, item, `${path}[${i}]`));
      return;
    }
    if ((isScalarType(nullable) && isSpecifiedScalarType(nullable)) || isEnumType(nullable)) {
      let serialized: unknown;
      try {
        serialized = nullable.serialize(value);
      } catch (err) {
        found.push(`${path}: ${JSON.stringify(value)} (${(err as Error).message})`);
        return;
      }
      if (!isDeepStrictEqual(serialized, value)) found.push(`${path}: ${JSON.stringify(value)} is not a ${nullable.name}`);
      return;
    }
    if (selectionSet && typeof value === 'object' && (isObjectType(nullable) || isAbstractType(nullable))) {
      walkObject(nullable, selectionSet, value as Record<string, unknown>, path);
    }
  };

  walkObject(root, operation.selectionSet, data, 'data');
  return found;
}

/**
 * Whether any field the operation selects (through fragments, and on every possible type of an
 * abstract one) has a type for which `test` holds.
 */
function selectsFieldType(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  test: (type: GraphQLOutputType) => boolean,
): boolean {
  const selected = selectedOperation(schema, document, operationName);
  if (!selected) return false;
  const { root, operation, fragments } = selected;
  const seen = new Set<SelectionSetNode>();
  const visit = (type: GraphQLCompositeType, selectionSet: SelectionSetNode): boolean => {
    if (seen.has(selectionSet)) return false;
    seen.add(selectionSet);
    return selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        const holders = isAbstractType(type) ? [type, ...schema.getPossibleTypes(type)] : [type];
        return holders.some((holder) => {
          const field = isObjectType(holder) || isInterfaceType(holder) ? holder.getFields()[selection.name.value] : undefined;
          if (!field) return false;
          if (test(field.type)) return true;
          const inner = getNamedType(field.type);
          return (
            selection.selectionSet !== undefined && (isObjectType(inner) || isAbstractType(inner)) && visit(inner, selection.selectionSet)
          );
        });
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      if (!fragment) return false;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      return condition !== undefined && (isObjectType(condition) || isAbstractType(condition)) && visit(condition, fragment.selectionSet);
    });
  };
  return visit(root, operation.selectionSet);
}

/**
 * Whether the operation selects a leaf of an enum whose values are not their own names (such an
 * enum's values must go through its serializer: `message.received` → `MESSAGE_RECEIVED`).
 */
export function selectsRenamedEnum(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): boolean {
  return selectsFieldType(schema, document, operationName, (type) => {
    const named = getNamedType(type);
    return isEnumType(named) && named.getValues().some((v) => v.value !== v.name);
  });
}

/**
 * Whether every field the operation selects is of an object type, a list of them, a built-in scalar
 * or an enum: the shapes graphql-jit's schema-driven JSON serializer writes exactly as
 * `JSON.stringify` does (it merges the fields of an abstract type's possible types, and knows no
 * custom scalar).
 */
export function selectsOnlyPlainTypes(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): boolean {
  return (
    selectedOperation(schema, document, operationName) !== undefined &&
    !selectsFieldType(schema, document, operationName, (type) => {
      const named = getNamedType(type);
      return isAbstractType(named) || (isScalarType(named) && !isSpecifiedScalarType(named));
    })
  );
}
