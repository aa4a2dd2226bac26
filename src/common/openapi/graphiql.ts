import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'react.js': { file: () => join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: () => join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: () => join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: () => join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ponte GraphQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql">Loading…</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script>
  // Subscriptions over the WebSocket on the same host; the Headers tab's Authorization goes along in connection_init.
  const fetcher = GraphiQL.createFetcher({
    url: '/graphql',
    subscriptionUrl: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql',
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultEditorToolsVisibility: true,
      defaultHeaders: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2),
      defaultQuery: '# Add your API key in Headers below (not needed in sandbox mode).\\n{\\n  connections { data { id platform operations } }\\n  contacts(limit: 3) { data { id firstName whatsapp } pageInfo { hasNextPage nextCursor } }\\n}\\n',
    }),
  );
</script>
</body>
</html>`;

/** GraphiQL served entirely from local packages: the explorer works with no internet access. */
export function registerGraphiql(fastify: FastifyInstance): void {
  fastify.get('/graphiql', (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  fastify.get<{ Params: { name: string } }>('/graphiql/assets/:name', (req, reply) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(createReadStream(asset.file()));
  });
}
