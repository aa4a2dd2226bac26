import { createHook } from 'node:async_hooks';

/**
 * Keeps one of Node's own `process.nextTick` queue entries alive for the life of the process, so
 * that V8 never forgets the shape ("map") those entries have.
 *
 * Why: `nextTick` builds each entry as an object literal with two symbol keys
 * (`{ [async_id_symbol]: id, [trigger_async_id_symbol]: tid, callback, args }`). V8 remembers the
 * map each of those four property definitions produced (weakly), and compiles them to plain stores
 * as long as it sees the same maps again. Entries live for microseconds, so a full GC that runs
 * while none is alive — which happens while this application loads its modules — frees those maps;
 * the next entry gets fresh ones, the remembered ones no longer match, and V8 marks the three
 * later definitions megamorphic for good. From then on every `nextTick` (9 or so per request:
 * streams, HTTP) defines its properties through the runtime: measured with callgrind, 60 runtime
 * calls and about 14 % of all instructions per `GET /v1/contacts` (565k → 488k instructions per
 * request with the pin; see BENCHMARKS.md). A small script without our module graph rarely hits it,
 * because no full GC runs between its first `nextTick` and the end of its life.
 *
 * Holding one entry keeps its map and, through the map's back pointers, every map on the way to it
 * alive, so the remembered maps stay valid. It costs one small object. It must run before the
 * module graph is loaded (the first full GC) — `main.ts` imports this file first.
 *
 * The entry is caught with an `init` async hook, enabled only around one `nextTick` call: the hook
 * receives the entry itself as its resource (Node documents `TickObject` resources).
 */
let pinned: object | undefined;

export function pinTickObjectShape(): object | undefined {
  if (pinned) return pinned;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource: object) {
      if (type === 'TickObject' && pinned === undefined) pinned = resource;
    },
  });
  hook.enable();
  try {
    process.nextTick(noop);
  } finally {
    hook.disable();
  }
  return pinned;
}

function noop(): void {}
