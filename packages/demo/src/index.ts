export * from './ids';
export * from './directory';
