export * from './deploy-settings';
export * from './generated-file';
export * from './generated-files';
export * from './vault';
