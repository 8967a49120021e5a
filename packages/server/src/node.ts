// Node-only parts of the kit: choosing the database from the environment, serving.
export { openDatabase, type OpenDatabaseOptions } from './db/open.js';
export { argon2Passwords } from './auth/argon2.js';
export { serveNode, type ServeOptions, type RunningServer } from './http/node-server.js';
export { serveElements, elementsBrowserDir, type ServeElementsOptions } from './http/elements-static.js';
