export * from './attack';
export * from './catalogue';
export * from './forge';
export * from './grpc-probe';
export * from './lab-target';
export * from './scene';
export * from './scorecard';
export * from './stand-in-hosts';
