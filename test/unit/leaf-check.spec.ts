import {
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { leafSerializationMismatches, selectsOnlyPlainTypes, selectsRenamedEnum } from '../../src/common/graphql/leaf-check';

/** The checks behind jit-executor.plugin.ts's unserialized leaves, on a schema of their own. */
const Plain = new GraphQLEnumType({ name: 'Plain', values: { ON: { value: 'ON' }, OFF: { value: 'OFF' } } });
const Renamed = new GraphQLEnumType({ name: 'Renamed', values: { MESSAGE_RECEIVED: { value: 'message.received' } } });
const Node = new GraphQLInterfaceType({ name: 'Node', fields: { id: { type: new GraphQLNonNull(GraphQLID) } } });
const When = new GraphQLScalarType({ name: 'When', serialize: (v) => String(v) });
const Tag = new GraphQLObjectType({ name: 'Tag', fields: { name: { type: GraphQLString }, weight: { type: GraphQLInt } } });
const Item = new GraphQLObjectType({
  name: 'Item',
  interfaces: [Node],
  isTypeOf: () => true,
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    title: { type: GraphQLString },
    count: { type: GraphQLInt },
    state: { type: Plain },
    kind: { type: Renamed },
    tags: { type: new GraphQLList(Tag) },
    at: { type: When },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { items: { type: new GraphQLList(Item) }, node: { type: Node } },
  }),
  types: [Item],
});

const QUERY = parse(`
  query Q { items { id heading: title count state ...T } node { id ... on Item { count } } }
  fragment T on Item { tags { name weight } }
`);

const good = {
  items: [{ id: '1', heading: 'a', count: 2, state: 'ON', tags: [{ name: 'x', weight: 1 }] }],
  node: { __typename: 'Item', id: '7', count: 3 },
};

describe('leafSerializationMismatches', () => {
  it('finds nothing in a result whose leaves are what the serializers would write', () => {
    expect(leafSerializationMismatches(schema, QUERY, 'Q', good)).toEqual([]);
  });

  it('names each leaf a serializer would change or refuse, through aliases, fragments and lists', () => {
    const bad = {
      items: [{ id: 1, heading: 5, count: 2.5, state: 'MAYBE', tags: [{ name: 'x', weight: '1' }] }],
      node: { __typename: 'Item', id: '7', count: true },
    };
    const found = leafSerializationMismatches(schema, QUERY, 'Q', bad);
    expect(found).toEqual([
      'data.items[0].id: 1 is not a ID',
      'data.items[0].heading: 5 is not a String',
      expect.stringMatching(/^data\.items\[0\]\.count: 2\.5 \(Int cannot represent non-integer value/),
      expect.stringMatching(/^data\.items\[0\]\.state: "MAYBE" \(Enum "Plain" cannot represent value/),
      expect.stringMatching(/^data\.items\[0\]\.tags\[0\]\.weight: "1" is not a Int/),
      expect.stringMatching(/^data\.node\.count: true/),
    ]);
  });

  it('skips nulls and fields the result does not have (@skip / @include)', () => {
    expect(leafSerializationMismatches(schema, QUERY, 'Q', { items: [{ id: '1', heading: null, tags: null }], node: null })).toEqual([]);
  });
});

describe('selectsRenamedEnum', () => {
  it('is true when an enum whose values are not its names is selected, also through a fragment', () => {
    expect(selectsRenamedEnum(schema, parse('{ items { id kind } }'), undefined)).toBe(true);
    expect(selectsRenamedEnum(schema, parse('{ node { ... on Item { kind } } }'), undefined)).toBe(true);
    expect(selectsRenamedEnum(schema, parse('{ items { ...K } } fragment K on Item { kind }'), undefined)).toBe(true);
  });

  it('is false when only scalars and enums named as their values are selected', () => {
    expect(selectsRenamedEnum(schema, QUERY, 'Q')).toBe(false);
    expect(selectsRenamedEnum(schema, parse('{ items { state tags { name } } }'), undefined)).toBe(false);
  });
});

describe('selectsOnlyPlainTypes', () => {
  it('is true for object types, lists of them, built-in scalars and enums, through aliases and fragments', () => {
    expect(
      selectsOnlyPlainTypes(
        schema,
        parse('{ items { id heading: title count state kind ...T } } fragment T on Item { tags { name } }'),
        undefined,
      ),
    ).toBe(true);
    expect(selectsOnlyPlainTypes(schema, parse('{ items { ... on Item { tags { weight } } } }'), undefined)).toBe(true);
  });

  it('is false as soon as an abstract type or a custom scalar is selected, however deep', () => {
    expect(selectsOnlyPlainTypes(schema, QUERY, 'Q')).toBe(false); // node: Node is an interface
    expect(selectsOnlyPlainTypes(schema, parse('{ node { id } }'), undefined)).toBe(false);
    expect(selectsOnlyPlainTypes(schema, parse('{ items { id at } }'), undefined)).toBe(false);
    expect(selectsOnlyPlainTypes(schema, parse('{ items { ...A } } fragment A on Item { at }'), undefined)).toBe(false);
  });

  it('is false for an operation the document does not have', () => {
    expect(selectsOnlyPlainTypes(schema, QUERY, 'Missing')).toBe(false);
  });
});
