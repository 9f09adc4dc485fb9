export * from './address-policy';
export * from './destination-check';
export * from './host-resolver';
export * from './image-signature';
export * from './ssrf-guard';
export * from './ssrf-policy';
export * from './ssrf-refusal';
