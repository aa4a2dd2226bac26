import request from 'supertest';

export interface GraphqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL operation to the gateway and returns status, data and errors. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary GraphQL shapes
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResult<T>> {
  const res = await request(url).post('/graphql').set(headers).send({ query, variables });
  return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
}
