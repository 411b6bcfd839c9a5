/** @cpaudit/server: the HTTP API, its services and data layer. */
export { type AppDeps, buildApp } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';
export { type Database, openDatabase } from './db/index.ts';
export { type RunningServer, startServer, WEB_DIST } from './serve.ts';
