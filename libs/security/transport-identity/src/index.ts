export * from './certificate-identity';
export * from './https-listener';
export * from './mtls-channel-credentials';
export * from './mtls-server-credentials';
export * from './peer-identity.guard';
export * from './svid-source';
export * from './workload-transport';
export * from './xfcc';
