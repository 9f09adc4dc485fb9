export * from './deploy-settings';
export * from './generated-file';
export * from './generated-files';
export * from './compose';
export * from './vault';
