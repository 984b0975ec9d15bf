export * from './ids';
export * from './directory';
export * from './certificates';
