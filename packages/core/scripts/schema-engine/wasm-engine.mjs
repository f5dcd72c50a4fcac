// Prisma's schema engine compiled to wasm: the native engine cannot be downloaded here.
// The package's main entry imports the .wasm file as an ES module, which Node 20 cannot do,
// so the bindings are wired to an instance made by hand.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @typedef {typeof import('@prisma/schema-engine-wasm').SchemaEngine} SchemaEngineClass */

/** @type {Promise<SchemaEngineClass> | undefined} */
let loading;

/**
 * The bindings module keeps the instance in module state, so one instance serves the whole
 * process (a second one would replace the first under every engine already created).
 * @returns {Promise<SchemaEngineClass>}
 */
export function loadSchemaEngine() {
  loading ??= instantiate();
  return loading;
}

async function instantiate() {
  const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindingsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(join(dirname(bindingsPath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  /** @type {() => void} */ (instance.exports.__wbindgen_start)();
  return bindings.SchemaEngine;
}
