// Where require() of this package lands (the "require" condition of its exports): the package is
// ES modules only, and this says so instead of Node's ERR_PACKAGE_PATH_NOT_EXPORTED.
throw new Error(
  '@jobsearchai/api is an ES module package (ESM only) and cannot be loaded with require(): ' +
    'use `import { … } from \'@jobsearchai/api\'` in an ES module ("type": "module" or .mjs), ' +
    "or `await import('@jobsearchai/api')` from CommonJS.",
);
