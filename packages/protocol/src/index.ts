export * from './annotations.js';
export * from './errors.js';
export * from './geometry.js';
export * from './http.js';
export * from './session.js';
export * from './signaling.js';
export * from './snapshots.js';
export * from './live-tools.js';
