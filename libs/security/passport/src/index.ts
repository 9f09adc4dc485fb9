export * from './passport-errors';
export * from './passport-minter';
export * from './passport-profile';
export * from './passport-verifier';
export * from './passport.guard';
