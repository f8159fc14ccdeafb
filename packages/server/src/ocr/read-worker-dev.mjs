// Entry of an OCR worker when the server runs from TypeScript sources (tests, benchmarks): on
// Node 20 a worker does not inherit the tsx loader, so this registers it and loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
